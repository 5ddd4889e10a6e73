package io.clipstream.planner;

import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderOptions;
import java.time.Instant;
import java.util.Optional;

/**
 * The clip window of one closed (or auto-closed) event.
 *
 * @param event the event, with {@code end} filled in when it was auto-closed
 * @param start window start in the recorder's clock: event start + clock offset - pre-roll
 * @param end window end (exclusive) in the recorder's clock: event end + clock offset + post-roll
 * @param waitBase event end + post-roll in the detector clock: the stream time that grace and
 *     segment wait count from (stream time follows detection capture times)
 * @param autoClosed true when the event had no end and was closed after the maximum duration
 * @param options merged render options
 */
record ClipWindow(
    Event event, long start, long end, long waitBase, boolean autoClosed, RenderOptions options) {

  /** The window of {@code event} at planner time {@code now}, or empty while it is still open. */
  static Optional<ClipWindow> of(PlannerSettings settings, Event event, long now) {
    RenderOptions options =
        RenderOptionsMerger.merge(
            settings.defaultOptions(),
            RenderOptions.newBuilder()
                .setPreRollMs(settings.preRoll().toMillis())
                .setPostRollMs(settings.postRoll().toMillis())
                .build(),
            settings.cameraOverrides().get(event.getCameraId()),
            settings.triggerOverrides().get(event.getTrigger()),
            event.getOptionalRenderOptions().orElse(null));
    long startMs = event.getStart().toEpochMilli();
    long maxEnd = startMs + settings.maxEventDuration().toMillis();
    Event closed = event;
    boolean autoClosed = false;
    long endMs;
    if (event.getOptionalEnd().isPresent()) {
      endMs = event.getEnd().toEpochMilli();
    } else if (now >= maxEnd) {
      endMs = maxEnd;
      autoClosed = true;
      closed = Event.newBuilder(event).setEnd(Instant.ofEpochMilli(maxEnd)).build();
    } else {
      return Optional.empty();
    }
    long pre = Math.max(0, options.getOptionalPreRollMs().orElse(0L));
    long post = Math.max(0, options.getOptionalPostRollMs().orElse(0L));
    long offset = settings.clockOffset(event.getCameraId()).toMillis();
    return Optional.of(
        new ClipWindow(
            closed,
            startMs + offset - pre,
            endMs + offset + post,
            endMs + post,
            autoClosed,
            options));
  }

  boolean overlaps(ClipWindow other) {
    return start < other.end && other.start < end;
  }
}
