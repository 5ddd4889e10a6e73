package io.clipstream.render;

import io.clipstream.render.request.ClipRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one clip of a batch: a {@link ClipResult}, or the reason it failed (others carry
 * on).
 */
public record ClipOutcome(
    ClipRequest request, Optional<ClipResult> result, Optional<RuntimeException> failure) {

  public ClipOutcome {
    Objects.requireNonNull(request, "request");
    if (result.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("An outcome has either a result or a failure");
    }
  }

  static ClipOutcome success(ClipRequest request, ClipResult result) {
    return new ClipOutcome(request, Optional.of(result), Optional.empty());
  }

  static ClipOutcome failed(ClipRequest request, RuntimeException failure) {
    return new ClipOutcome(request, Optional.empty(), Optional.of(failure));
  }

  public boolean succeeded() {
    return result.isPresent();
  }
}
