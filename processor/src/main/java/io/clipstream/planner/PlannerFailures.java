package io.clipstream.planner;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FailureReason;
import java.time.Instant;
import java.util.Map;

/** {@link ClipFailed} records written by the planner (stage {@code planner}, not retryable). */
final class PlannerFailures {

  static final String STAGE = "planner";

  private PlannerFailures() {}

  static ClipFailed of(
      String clipId,
      Event event,
      String camera,
      FailureReason reason,
      String message,
      long failedAt,
      Map<String, String> details) {
    return ClipFailed.newBuilder()
        .setClipId(clipId)
        .setEventId(blankToNull(event == null ? null : event.getEventId()))
        .setCameraId(blankToNull(camera))
        .setTrigger(event == null ? null : event.getTrigger())
        .setReason(reason)
        .setMessage(message)
        .setStage(STAGE)
        .setRetryable(false)
        .setFailedAt(Instant.ofEpochMilli(failedAt))
        .setDetails(details)
        .build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
