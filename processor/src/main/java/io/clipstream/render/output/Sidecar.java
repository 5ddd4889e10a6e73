package io.clipstream.render.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The content of a side-car (see {@code docs/sidecar.md}); written by {@link SidecarWriter}. */
public record Sidecar(
    String clipId,
    String cameraId,
    Instant createdAt,
    String softwareVersion,
    String ffmpegVersion,
    Video video,
    String thumbnailFile,
    int thumbnailFrame,
    EventWindow event,
    Set<Long> focusTracks,
    RenderSettings settings,
    int stride,
    double speed,
    List<Source> sources,
    List<FrameRecord> frames) {

  /** The MP4 as written. */
  public record Video(
      String file,
      String sha256,
      long bytes,
      String encoder,
      boolean streamCopied,
      int width,
      int height,
      String frameRate,
      long frames,
      long durationMicros,
      Instant firstFrame,
      Instant lastFrame) {

    void write(JsonGenerator json) throws IOException {
      json.writeObjectFieldStart("video");
      json.writeStringField("file", file);
      json.writeStringField("sha256", sha256);
      json.writeNumberField("bytes", bytes);
      json.writeStringField("codec", "h264");
      json.writeStringField("encoder", encoder);
      json.writeBooleanField("streamCopied", streamCopied);
      json.writeNumberField("width", width);
      json.writeNumberField("height", height);
      json.writeStringField("frameRate", frameRate);
      json.writeNumberField("frames", frames);
      json.writeNumberField("durationMicros", durationMicros);
      json.writeStringField("firstFrame", firstFrame.toString());
      json.writeStringField("lastFrame", lastFrame.toString());
      json.writeEndObject();
    }
  }

  /** One source: the range asked for, the range read, and the frames it gave on both timelines. */
  public record Source(
      int index,
      String uri,
      Instant wallClockAtZero,
      long requestedFromMicros,
      long requestedToMicros,
      long fromMicros,
      long toMicros,
      int width,
      int height,
      String frameRate,
      boolean scaled,
      long firstFramePtsMicros,
      long lastFramePtsMicros,
      long framesInRange,
      int firstOutputFrame,
      int lastOutputFrame) {

    void write(JsonGenerator json) throws IOException {
      json.writeStartObject();
      json.writeNumberField("index", index);
      json.writeStringField("uri", uri);
      json.writeStringField("wallClockAtZero", wallClockAtZero.toString());
      json.writeNumberField("requestedFromMicros", requestedFromMicros);
      json.writeNumberField("requestedToMicros", requestedToMicros);
      json.writeNumberField("fromMicros", fromMicros);
      json.writeNumberField("toMicros", toMicros);
      json.writeNumberField("width", width);
      json.writeNumberField("height", height);
      json.writeStringField("frameRate", frameRate);
      json.writeBooleanField("scaled", scaled);
      json.writeNumberField("firstFramePtsMicros", firstFramePtsMicros);
      json.writeNumberField("lastFramePtsMicros", lastFramePtsMicros);
      json.writeNumberField("framesInRange", framesInRange);
      json.writeNumberField("firstOutputFrame", firstOutputFrame);
      json.writeNumberField("lastOutputFrame", lastOutputFrame);
      json.writeEndObject();
    }
  }
}
