package io.clipstream.renderer;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one render command: a stored clip to announce, or a failure. A failure marked
 * {@link ClipFailed#getRetryable() retryable} (the store was unreachable, the disk was full) is
 * tried again before it is published.
 */
public record RenderOutcome(
    String clipId,
    Optional<ClipReady> ready,
    Optional<ClipFailed> failed,
    Optional<ClipStageTimes> stages) {

  public RenderOutcome {
    Objects.requireNonNull(clipId, "clipId");
    if (ready.isPresent() == failed.isPresent()) {
      throw new IllegalArgumentException("An outcome is either ready or failed");
    }
  }

  public static RenderOutcome ready(ClipReady ready) {
    return new RenderOutcome(
        ready.getClipId(), Optional.of(ready), Optional.empty(), Optional.empty());
  }

  /** A stored clip with where its render time went. */
  public static RenderOutcome ready(ClipReady ready, ClipStageTimes stages) {
    return new RenderOutcome(
        ready.getClipId(), Optional.of(ready), Optional.empty(), Optional.of(stages));
  }

  public static RenderOutcome failed(String clipId, ClipFailed failed) {
    return new RenderOutcome(clipId, Optional.empty(), Optional.of(failed), Optional.empty());
  }

  public boolean retryable() {
    return failed.map(ClipFailed::getRetryable).orElse(false);
  }
}
