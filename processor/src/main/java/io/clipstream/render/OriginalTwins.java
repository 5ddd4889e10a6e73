package io.clipstream.render;

import io.clipstream.render.overlay.redact.RedactionPolicy;
import io.clipstream.render.request.ClipRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The unredacted originals of redacted clips that ask to keep one ({@link
 * RedactionPolicy#keepOriginal()}): each becomes an extra request over the same sources, rendered
 * in the same pass so the shared decode serves both, and its result is attached to the redacted
 * clip's. Access is then split by where each is stored.
 */
final class OriginalTwins {

  /** Suffix of the original's file names and clip id. */
  static final String SUFFIX = "original";

  private OriginalTwins() {}

  static boolean wanted(ClipRequest request) {
    RedactionPolicy p = request.settings().redaction();
    return p.active() && p.keepOriginal();
  }

  /** The same clip with nothing redacted, written beside it as {@code <name>.original.*}. */
  static ClipRequest of(ClipRequest redacted) {
    return new ClipRequest(
        redacted.clipId() + "-" + SUFFIX,
        redacted.cameraId(),
        redacted.sources(),
        redacted.event(),
        redacted.focusTracks(),
        redacted.settings().toBuilder().redaction(RedactionPolicy.NONE).build(),
        redacted.outputDir(),
        redacted.name() + "." + SUFFIX);
  }

  /** The requests followed by the originals some of them want. */
  static List<ClipRequest> expand(List<ClipRequest> requests) {
    List<ClipRequest> all = new ArrayList<>(requests);
    for (ClipRequest r : requests) {
      if (wanted(r)) {
        all.add(of(r));
      }
    }
    return all;
  }

  /**
   * One outcome per original request: a redacted clip carries its original's result, or fails with
   * the original's failure (both were asked for; announcing one alone would hide the loss).
   */
  static List<ClipOutcome> fold(List<ClipRequest> requests, List<ClipOutcome> outcomes) {
    List<ClipOutcome> folded = new ArrayList<>(requests.size());
    int next = requests.size();
    for (int i = 0; i < requests.size(); i++) {
      ClipOutcome main = outcomes.get(i);
      if (!wanted(requests.get(i))) {
        folded.add(main);
        continue;
      }
      ClipOutcome twin = outcomes.get(next++);
      if (main.succeeded() && twin.succeeded()) {
        folded.add(
            ClipOutcome.success(
                main.request(), main.result().get().withUnredacted(twin.result().get())));
      } else if (main.succeeded()) {
        RuntimeException cause = twin.failure().get();
        // A bad-input failure is restated for the redacted clip; anything else (infrastructure)
        // keeps its type so the caller still retries it.
        RuntimeException failure =
            cause instanceof RenderException re
                ? new RenderException(
                    re.reason(),
                    "The redacted clip rendered but its unredacted original did not: "
                        + re.getMessage(),
                    re)
                : cause;
        folded.add(ClipOutcome.failed(main.request(), failure));
      } else {
        folded.add(main);
      }
    }
    return List.copyOf(folded);
  }
}
