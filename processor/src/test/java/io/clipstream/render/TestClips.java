package io.clipstream.render;

import io.clipstream.media.SyntheticVideo;
import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.detections.SourceDetection;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Builds requests over synthetic videos and reads outputs back. */
final class TestClips {

  static final int RED = 0xFF0000;

  private TestClips() {}

  /** A request whose event covers the whole window of its sources. */
  static ClipRequest request(
      Path dir, String name, List<SourceSlice> sources, RenderSettings settings) {
    SourceSlice first = sources.get(0);
    SourceSlice last = sources.get(sources.size() - 1);
    EventWindow event =
        new EventWindow(first.wallClock(first.fromMicros()), last.wallClock(last.toMicros()));
    return new ClipRequest(
        "clip-" + name, "cam-1", sources, event, Set.of(7L), settings, dir, name);
  }

  /** One red-outlined detection of track 7 exactly around the synthetic square, on every frame. */
  static List<DetectionSample> squareDetections(
      SyntheticVideo video, int frames, int width, int height) {
    List<DetectionSample> samples = new ArrayList<>();
    for (int n = 0; n < frames; n++) {
      float x = SyntheticVideo.squareX(n, width);
      float y = SyntheticVideo.squareY(n, height);
      samples.add(
          new DetectionSample(
              video.ptsMicros(n),
              List.of(
                  new SourceDetection(
                      x,
                      y,
                      x + SyntheticVideo.SQUARE,
                      y + SyntheticVideo.SQUARE,
                      "square",
                      OptionalLong.of(7),
                      0.9f,
                      OptionalInt.of(RED)))));
    }
    return samples;
  }

  static SourceSlice source(
      Path file, long from, long to, Instant zero, List<DetectionSample> detections) {
    return new SourceSlice(file.toString(), from, to, zero, detections);
  }

  /**
   * Decodes an output clip: per frame its pts and the source frame number read from the bar code.
   */
  static List<long[]> decodeNumbers(Path clip, int sourceWidth, int sourceHeight) {
    List<long[]> result = new ArrayList<>();
    try (VideoSource source = VideoSource.open(clip.toString())) {
      VideoFrame frame;
      while ((frame = source.next()) != null) {
        result.add(
            new long[] {
              frame.ptsMicros(),
              SyntheticVideo.readFrameNumber(frame.image(), sourceWidth, sourceHeight)
            });
      }
    }
    return result;
  }

  static boolean isJpeg(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    return bytes.length > 4
        && (bytes[0] & 0xFF) == 0xFF
        && (bytes[1] & 0xFF) == 0xD8
        && (bytes[bytes.length - 2] & 0xFF) == 0xFF
        && (bytes[bytes.length - 1] & 0xFF) == 0xD9;
  }
}
