package io.clipstream.backend;

import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.OutputLocation;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.SourceClip;
import io.clipstream.contracts.TimeRange;
import io.clipstream.renderer.RenderOutcome;
import io.clipstream.renderer.RendererFailures;
import io.clipstream.storage.ClipKeys;
import java.time.Instant;
import java.util.List;

/** Builds render commands and the records a backend answers them with. */
public final class TestCommands {

  public static final String CAM = "cam-1";

  /** 2024-05-24T05:53:00Z: local 0 of every test source file. */
  public static final Instant T0 = Instant.parse("2024-05-24T05:53:00Z");

  private TestCommands() {}

  /**
   * A command for clip {@code clipId} of event {@code eventId} over {@code uri}, local range
   * [fromMs, toMs) of a file starting at {@link #T0}; the event covers the whole range.
   */
  public static RenderCommand.Builder command(
      String clipId, String eventId, String uri, long fromMs, long toMs) {
    Instant start = T0.plusMillis(fromMs);
    Instant end = T0.plusMillis(toMs);
    Event event =
        Event.newBuilder()
            .setEventId(eventId)
            .setCameraId(CAM)
            .setTrigger("intrusion")
            .setStart(start)
            .setEnd(end)
            .setFocusTrackIds(List.of(7L))
            .build();
    return RenderCommand.newBuilder()
        .setClipId(clipId)
        .setEvent(event)
        .setCameraId(CAM)
        .setWindow(new TimeRange(start, end))
        .setSources(
            List.of(
                SourceClip.newBuilder()
                    .setUri(uri)
                    .setFileStart(T0)
                    .setLocalFromMs(fromMs)
                    .setLocalToMs(toMs)
                    .build()))
        .setOptions(RenderOptions.newBuilder().build())
        .setOutput(
            OutputLocation.newBuilder().setKey(ClipKeys.stem(CAM, eventId, start, clipId)).build())
        .setRequestedAt(T0.plusSeconds(60));
  }

  /** {@link #command} over [0, 2 s) of {@code uri}. */
  public static RenderCommand command(String clipId, String eventId, String uri) {
    return command(clipId, eventId, uri, 0, 2_000).build();
  }

  public static RenderCommand forced(RenderCommand command) {
    return RenderCommand.newBuilder(command).setForce(true).build();
  }

  /** A clip-ready answer as a backend would build it, without touching any file. */
  public static RenderOutcome ready(RenderCommand c) {
    return RenderOutcome.ready(
        ClipReady.newBuilder()
            .setClipId(c.getClipId())
            .setEventId(c.getEvent().getEventId())
            .setCameraId(c.getCameraId())
            .setTrigger(c.getEvent().getTrigger())
            .setVideoUri("file:///store/" + c.getOutput().getKey() + ".mp4")
            .setSidecarUri("file:///store/" + c.getOutput().getKey() + ".json")
            .setRequestedWindow(c.getWindow())
            .setActualWindow(c.getWindow())
            .setFrames(50)
            .setFps(25.0)
            .setWidth(320)
            .setHeight(240)
            .setSizeBytes(1234)
            .setSha256("0".repeat(64))
            .setRenderTimeMs(40)
            .setCreatedAt(T0.plusSeconds(61))
            .build());
  }

  public static RenderOutcome failed(
      RenderCommand c, FailureReason reason, String message, boolean retryable) {
    return RenderOutcome.failed(
        c.getClipId(), RendererFailures.of(c, reason, message, retryable, T0.plusSeconds(61)));
  }
}
