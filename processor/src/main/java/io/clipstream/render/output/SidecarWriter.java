package io.clipstream.render.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clipstream.media.AtomicFiles;
import io.clipstream.media.EncoderSettings;
import io.clipstream.render.detections.TimelineBox;
import io.clipstream.render.overlay.OverlayBox;
import io.clipstream.render.overlay.OverlayZone;
import io.clipstream.render.request.RenderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes the versioned JSON side-car of a clip (format documented in {@code docs/sidecar.md}).
 * Streamed with Jackson's generator so the field order is the documented one and large clips need
 * no tree in memory.
 */
public final class SidecarWriter {

  /** Bump on any incompatible change; readers check it. */
  static final int VERSION = 1;

  private final JsonGenerator json;

  private SidecarWriter(JsonGenerator json) {
    this.json = json;
  }

  public static void write(Path target, Sidecar sidecar) {
    try {
      Path temp = AtomicFiles.temporarySibling(target);
      try (JsonGenerator json =
          new JsonFactory().createGenerator(temp.toFile(), JsonEncoding.UTF8)) {
        json.useDefaultPrettyPrinter();
        new SidecarWriter(json).document(sidecar);
      }
      AtomicFiles.moveIntoPlace(temp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write side-car " + target + ": " + e.getMessage(), e);
    }
  }

  private void document(Sidecar s) throws IOException {
    json.writeStartObject();
    json.writeNumberField("version", VERSION);
    json.writeStringField("clipId", s.clipId());
    json.writeStringField("cameraId", s.cameraId());
    json.writeStringField("createdAt", s.createdAt().toString());
    json.writeObjectFieldStart("software");
    json.writeStringField("name", "clipstream");
    json.writeStringField("version", s.softwareVersion());
    json.writeStringField("ffmpeg", s.ffmpegVersion());
    json.writeEndObject();
    s.video().write(json);
    json.writeFieldName("thumbnail");
    if (s.thumbnailFile() == null) {
      json.writeNull();
    } else {
      json.writeStartObject();
      json.writeStringField("file", s.thumbnailFile());
      json.writeNumberField("frame", s.thumbnailFrame());
      json.writeEndObject();
    }
    event(s);
    settings(s.settings(), s.stride(), s.speed());
    json.writeArrayFieldStart("sources");
    for (Sidecar.Source source : s.sources()) {
      source.write(json);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("frames");
    for (FrameRecord frame : s.frames()) {
      frame(frame);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void event(Sidecar s) throws IOException {
    json.writeObjectFieldStart("event");
    json.writeStringField("start", s.event().start().toString());
    json.writeStringField("end", s.event().end().toString());
    json.writeArrayFieldStart("focusTracks");
    for (long track : s.focusTracks()) {
      json.writeNumber(track);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void settings(RenderSettings r, int stride, double speed) throws IOException {
    json.writeObjectFieldStart("settings");
    json.writeBooleanField("overlays", r.overlays());
    json.writeNumberField("holdMicros", r.holdMicros());
    json.writeBooleanField("interpolate", r.interpolate());
    json.writeNumberField("maxInterpolationGapMicros", r.maxInterpolationGapMicros());
    json.writeStringField("durationStrategy", r.strategy().name());
    json.writeNumberField("maxDurationMicros", r.maxDurationMicros());
    json.writeNumberField("stride", stride);
    json.writeNumberField("speed", speed);
    EncoderSettings e = r.encoder();
    json.writeObjectFieldStart("encoder");
    json.writeStringField("codec", e.codec().name());
    json.writeNumberField("crf", e.crf());
    json.writeStringField("preset", e.preset());
    json.writeNumberField("maxKeyframeIntervalSeconds", e.maxKeyframeIntervalSeconds());
    json.writeEndObject();
    json.writeStringField("resolutionPolicy", r.resolutionPolicy().name());
    json.writeArrayFieldStart("zones");
    for (OverlayZone zone : r.zones()) {
      json.writeString(zone.name());
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void frame(FrameRecord f) throws IOException {
    json.writeStartObject();
    json.writeNumberField("index", f.index());
    json.writeNumberField("ptsMicros", f.ptsMicros());
    json.writeNumberField("source", f.source());
    json.writeNumberField("sourcePtsMicros", f.sourcePtsMicros());
    json.writeStringField("wallClock", f.wallClock().toString());
    json.writeArrayFieldStart("boxes");
    for (TimelineBox box : f.boxes()) {
      box(box);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void box(TimelineBox drawn) throws IOException {
    OverlayBox b = drawn.box();
    json.writeStartObject();
    json.writeStringField("origin", drawn.origin().name().toLowerCase(java.util.Locale.ROOT));
    json.writeNumberField("observedPtsMicros", drawn.observedPtsMicros());
    if (drawn.nextObservedPtsMicros().isPresent()) {
      json.writeNumberField("nextObservedPtsMicros", drawn.nextObservedPtsMicros().getAsLong());
    }
    json.writeNumberField("x1", b.x1());
    json.writeNumberField("y1", b.y1());
    json.writeNumberField("x2", b.x2());
    json.writeNumberField("y2", b.y2());
    json.writeStringField("label", b.label());
    if (b.trackId().isPresent()) {
      json.writeNumberField("trackId", b.trackId().getAsLong());
    } else {
      json.writeNullField("trackId");
    }
    if (Float.isNaN(b.score())) {
      json.writeNullField("score"); // the detector gave none
    } else {
      json.writeNumberField("score", b.score());
    }
    json.writeBooleanField("focus", b.focus());
    if (b.color().isPresent()) {
      json.writeStringField("color", String.format("#%06x", b.color().getAsInt() & 0xFFFFFF));
    }
    json.writeEndObject();
  }
}
