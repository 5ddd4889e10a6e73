package io.clipstream.renderer;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.RenderCommand;
import java.time.Instant;
import java.util.Map;

/** {@link ClipFailed} records written by the renderer (stage {@code renderer}). */
public final class RendererFailures {

  public static final String STAGE = "renderer";

  private RendererFailures() {}

  /** The failure answer to {@code command}, with its window and source count as details. */
  public static ClipFailed of(
      RenderCommand command, FailureReason reason, String message, boolean retryable, Instant now) {
    return ClipFailed.newBuilder()
        .setClipId(command.getClipId())
        .setEventId(command.getEvent().getEventId())
        .setCameraId(command.getCameraId())
        .setTrigger(command.getEvent().getTrigger())
        .setReason(reason)
        .setMessage(message)
        .setStage(STAGE)
        .setRetryable(retryable)
        .setFailedAt(now)
        .setDetails(
            Map.of(
                "window_start", command.getWindow().getStart().toString(),
                "window_end", command.getWindow().getEnd().toString(),
                "sources", Integer.toString(command.getSources().size())))
        .build();
  }
}
