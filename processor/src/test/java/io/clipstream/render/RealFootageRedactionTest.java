package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.image.YuvImage;
import io.clipstream.media.Rational;
import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.input.DetectionsJsonl;
import io.clipstream.render.overlay.TestPictures;
import io.clipstream.render.overlay.redact.RedactionMethod;
import io.clipstream.render.overlay.redact.RedactionPolicy;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The office recording (CC BY 4.0) with its real HOG detections, 43-45 s: person #62 is the focus
 * track, the others (#67 walking in front, and the detector's false alarms) are masked. Writes the
 * frame at 44.0 s as {@code target/redaction/office-redacted.png} to look at.
 */
class RealFootageRedactionTest {

  @TempDir Path dir;

  @Test
  void shouldKeepTheFocusPersonVisibleAndMaskEveryoneElseOnTheOfficeFootage() throws Exception {
    Path video = RealFootage.file("one-by-one-person-detection.mp4");
    List<DetectionSample> detections =
        DetectionsJsonl.read(
            RealFootage.file("one-by-one-person-detection.jsonl"), new Rational(10, 1));
    Instant zero = Instant.parse("2024-05-24T05:53:00Z");
    SourceSlice source =
        new SourceSlice(video.toString(), 43_000_000, 45_000_000, zero, detections);
    RenderSettings drawn =
        RenderSettings.builder()
            .redaction(
                RedactionPolicy.NONE.withAllButFocus(true).withMethod(RedactionMethod.PIXELATE))
            .build();
    // The same clip without overlays, from the same decode, for the pixel measures: outlines and
    // tabs drawn over a mask are sharp on purpose and would count as detail.
    ClipRequest request = request(source, zero, drawn, "office-redacted");
    ClipRequest bare = request(source, zero, drawn.toBuilder().overlays(false).build(), "bare");
    ClipResult result;
    List<ClipOutcome> outcomes;
    try (ClipRenderer renderer = new ClipRenderer()) {
      outcomes = renderer.renderAll(List.of(request, bare));
    }
    result = outcomes.get(1).result().orElseThrow();
    ClipResult shown = outcomes.get(0).result().orElseThrow();
    assertThat(shown.redacted()).isTrue();
    assertThat(shown.thumbnail()).isPresent();
    writeFrameAt(shown, 44_000_000, Path.of("target/redaction/office-redacted.png"));
    JsonNode frames = new ObjectMapper().readTree(result.sidecar().toFile()).path("frames");
    // Boxes are listed only where they are drawn: take them from the clip with overlays.
    JsonNode drawnFrames = new ObjectMapper().readTree(shown.sidecar().toFile()).path("frames");
    assertThat(drawnFrames).hasSameSizeAs(frames);
    Map<Long, byte[]> sourceLuma = lumaByPts(video, 43_000_000, 45_000_000);

    int checkedMasked = 0;
    int checkedFocus = 0;
    try (VideoSource clip = VideoSource.open(result.video().toString())) {
      VideoFrame frame;
      int index = 0;
      while ((frame = clip.next()) != null) {
        JsonNode record = frames.get(index++);
        YuvImage out = frame.image();
        byte[] src = sourceLuma.get(record.path("sourcePtsMicros").asLong());
        assertThat(src).as("source frame of output %d", index - 1).isNotNull();
        for (JsonNode region : record.path("redactions")) {
          assertThat(region.path("trackId").asLong()).isNotEqualTo(62);
          int[] r = rect(region);
          if ((r[2] - r[0]) < 40 || (r[3] - r[1]) < 40) {
            continue; // too small for a texture measure
          }
          // Detail (mean difference between horizontal neighbours inside a pixelation block) is
          // gone but for the encoder's noise.
          int block = region.path("blockPixels").asInt();
          double before = detail(src, out.width(), r, block, null);
          double after = detail(null, out.width(), r, block, out);
          assertThat(after)
              .as("detail in masked track %s on frame %d", region.path("trackId"), index - 1)
              .isLessThan(Math.max(before * 0.35, 0.75)); // flat in the source: noise only
          checkedMasked++;
        }
        for (JsonNode box : drawnFrames.get(index - 1).path("boxes")) {
          if (box.path("trackId").asLong() != 62) {
            continue;
          }
          // The focus person keeps the source's pixels where no other region overlaps them.
          int[] inner = {
            (int) box.path("x1").asDouble(),
            (int) box.path("y1").asDouble(),
            (int) box.path("x2").asDouble(),
            (int) box.path("y2").asDouble()
          };
          double error = meanError(src, out, inner, record.path("redactions"));
          assertThat(error).as("focus person on frame %d", index - 1).isLessThan(4.0);
          checkedFocus++;
        }
      }
    }
    assertThat(checkedMasked).isGreaterThan(10);
    assertThat(checkedFocus).isGreaterThan(5);
  }

  private ClipRequest request(
      SourceSlice source, Instant zero, RenderSettings settings, String name) {
    return new ClipRequest(
        name,
        "office-cam",
        List.of(source),
        new EventWindow(zero.plusSeconds(43), zero.plusSeconds(45)),
        Set.of(62L),
        settings,
        dir,
        name);
  }

  private static void writeFrameAt(ClipResult clip, long sourcePts, Path png) throws Exception {
    JsonNode frames = new ObjectMapper().readTree(clip.sidecar().toFile()).path("frames");
    try (VideoSource decoded = VideoSource.open(clip.video().toString())) {
      VideoFrame frame;
      int index = 0;
      while ((frame = decoded.next()) != null) {
        if (frames.get(index++).path("sourcePtsMicros").asLong() == sourcePts) {
          Files.createDirectories(png.getParent());
          ImageIO.write(TestPictures.toRgb(frame.image()), "png", png.toFile());
          return;
        }
      }
    }
    throw new AssertionError(
        "No frame of " + clip.video() + " comes from source time " + sourcePts);
  }

  private static int[] rect(JsonNode r) {
    return new int[] {
      r.path("x1").asInt(), r.path("y1").asInt(), r.path("x2").asInt(), r.path("y2").asInt()
    };
  }

  /**
   * Mean |p(x+1, y) - p(x, y)| over neighbours inside one block, a pixel away from its edges, of
   * the source luma array or of a picture.
   */
  private static double detail(byte[] src, int width, int[] r, int block, YuvImage picture) {
    long sum = 0;
    int n = 0;
    for (int y = r[1]; y < r[3]; y++) {
      for (int x = r[0]; x < r[2] - 1; x++) {
        int column = (x - r[0]) % block;
        if (column == 0 || column >= block - 2) {
          continue; // the pair touches or straddles a block edge
        }
        int a = src != null ? src[y * width + x] & 0xFF : picture.lumaAt(x, y);
        int b = src != null ? src[y * width + x + 1] & 0xFF : picture.lumaAt(x + 1, y);
        sum += Math.abs(a - b);
        n++;
      }
    }
    return n == 0 ? 0 : (double) sum / n;
  }

  private static double meanError(byte[] src, YuvImage out, int[] r, JsonNode redactions) {
    long sum = 0;
    int n = 0;
    for (int y = Math.max(0, r[1]); y < Math.min(out.height(), r[3]); y++) {
      for (int x = Math.max(0, r[0]); x < Math.min(out.width(), r[2]); x++) {
        if (inAny(x, y, redactions)) {
          continue;
        }
        sum += Math.abs(out.lumaAt(x, y) - (src[y * out.width() + x] & 0xFF));
        n++;
      }
    }
    return n == 0 ? 0 : (double) sum / n;
  }

  private static boolean inAny(int x, int y, JsonNode redactions) {
    for (JsonNode g : redactions) {
      // 8 px of slack: the encoder smears a mask's edge a little into its neighbours.
      if (x >= g.path("x1").asInt() - 8
          && x < g.path("x2").asInt() + 8
          && y >= g.path("y1").asInt() - 8
          && y < g.path("y2").asInt() + 8) {
        return true;
      }
    }
    return false;
  }

  private static Map<Long, byte[]> lumaByPts(Path video, long from, long to) {
    Map<Long, byte[]> frames = new HashMap<>();
    try (VideoSource source = VideoSource.open(video.toString())) {
      source.seekTo(from);
      VideoFrame frame;
      while ((frame = source.next()) != null && frame.ptsMicros() < to) {
        if (frame.ptsMicros() < from) {
          continue;
        }
        YuvImage p = frame.image();
        byte[] luma = new byte[p.width() * p.height()];
        for (int y = 0; y < p.height(); y++) {
          for (int x = 0; x < p.width(); x++) {
            luma[y * p.width() + x] = (byte) p.lumaAt(x, y);
          }
        }
        frames.put(frame.ptsMicros(), luma);
      }
    }
    return frames;
  }
}
