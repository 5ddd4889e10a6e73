package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.image.YuvImage;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.overlay.redact.RedactionMethod;
import io.clipstream.render.overlay.redact.RedactionPolicy;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a synthetic video whose moving square carries a fine checkerboard, detected only on every
 * fifth frame, and checks every decoded output frame: inside the square the pattern is gone,
 * outside the redacted region the picture is the source's within encoding error.
 */
class RedactedClipTest {

  private static final int W = 320;
  private static final int H = 240;
  private static final int FRAMES = 60; // the square moves linearly (no wrap) for 68 frames

  @TempDir static Path dir;
  private static SyntheticVideo synthetic;
  private static Path video;
  private static Map<Integer, byte[]> sourceLuma;

  @BeforeAll
  static void writeVideo() throws Exception {
    synthetic = SyntheticVideo.builder().size(W, H).fps(30, 1).frames(FRAMES).texturedSquare();
    video = synthetic.writeTo(dir.resolve("textured.mp4"));
    sourceLuma = decodeLuma(video);
  }

  private static ClipRequest request(String name, RenderSettings settings) {
    List<DetectionSample> every = TestClips.squareDetections(synthetic, FRAMES, W, H);
    List<DetectionSample> sparse = new ArrayList<>();
    for (int n = 0; n < FRAMES; n += 5) {
      sparse.add(every.get(n)); // the frames between are interpolated
    }
    sparse.add(every.get(FRAMES - 1)); // the last frame too: hold is 0 here
    SourceSlice source =
        TestClips.source(video, 0, synthetic.ptsMicros(FRAMES), Instant.EPOCH, sparse);
    return TestClips.request(dir, name, List.of(source), settings);
  }

  private static ClipResult render(ClipRequest request) {
    try (ClipRenderer renderer = new ClipRenderer()) {
      return renderer.render(request);
    }
  }

  @Test
  void shouldRemoveTheTextureOfTheRedactedTrackOnEveryFrameAndKeepEverythingElse()
      throws Exception {
    RenderSettings settings =
        RenderSettings.builder()
            .overlays(false)
            .holdMicros(0)
            .redaction(
                RedactionPolicy.NONE.withTracks(Set.of(7L)).withMethod(RedactionMethod.PIXELATE))
            .build();
    ClipResult result = render(request("pixelated", settings));

    assertThat(result.streamCopied()).as("never stream copy when redacting").isFalse();
    assertThat(result.redacted()).isTrue();
    JsonNode sidecar = new ObjectMapper().readTree(result.sidecar().toFile());
    assertThat(sidecar.path("redacted").asBoolean()).isTrue();
    JsonNode frames = sidecar.path("frames");
    assertThat(frames).hasSize(FRAMES);
    int interpolated = 0;
    for (JsonNode frame : frames) {
      JsonNode regions = frame.path("redactions");
      assertThat(regions).as("frame %s", frame.path("index")).hasSize(1);
      assertThat(regions.get(0).path("trackId").asLong()).isEqualTo(7);
      assertThat(regions.get(0).path("method").asText()).isEqualTo("pixelate");
      interpolated += regions.get(0).path("interpolated").asBoolean() ? 1 : 0;
    }
    assertThat(interpolated).isEqualTo(FRAMES - FRAMES / 5 - 1);

    List<double[]> measured = measure(result.video(), frames);
    assertThat(measured).hasSize(FRAMES);
    double worstOutsideMean = 0;
    for (double[] m : measured) {
      // m: frame, correlation with the texture inside the square, mean and p99 abs error outside
      assertThat(Math.abs(m[1])).as("texture correlation on frame %d", (int) m[0]).isLessThan(0.2);
      assertThat(m[2]).as("mean error outside, frame %d", (int) m[0]).isLessThan(2.0);
      assertThat(m[3]).as("99th percentile error outside, frame %d", (int) m[0]).isLessThan(16);
      worstOutsideMean = Math.max(worstOutsideMean, m[2]);
    }
    System.out.printf(
        "redacted clip: worst mean luma error outside the region %.2f%n", worstOutsideMean);

    // The thumbnail is taken from the redacted picture.
    int thumbFrame = sidecar.path("thumbnail").path("frame").asInt();
    int n = sourceFrame(frames.get(thumbFrame));
    BufferedImage thumb = ImageIO.read(result.thumbnail().orElseThrow().toFile());
    assertThat(Math.abs(textureCorrelation(thumb, n))).isLessThan(0.2);
  }

  @Test
  void shouldShowTheTextureWhenNothingIsRedactedSoTheMeasureCanFail() throws Exception {
    ClipResult result =
        render(request("plain", RenderSettings.builder().overlays(false).thumbnail(false).build()));
    assertThat(result.redacted()).isFalse();
    JsonNode frames = new ObjectMapper().readTree(result.sidecar().toFile()).path("frames");
    for (double[] m : measure(result.video(), frames)) {
      assertThat(m[1]).as("texture correlation on frame %d", (int) m[0]).isGreaterThan(0.8);
    }
  }

  private static int sourceFrame(JsonNode frame) {
    return (int) Math.round(frame.path("sourcePtsMicros").asLong() * 30 / 1e6);
  }

  /** Per output frame: source frame, texture correlation, mean and p99 error outside. */
  private static List<double[]> measure(Path clip, JsonNode frames) {
    List<double[]> out = new ArrayList<>();
    try (VideoSource decoded = VideoSource.open(clip.toString())) {
      VideoFrame frame;
      int index = 0;
      while ((frame = decoded.next()) != null) {
        JsonNode record = frames.get(index++);
        int n = sourceFrame(record);
        YuvImage image = frame.image();
        int[] region = regionOf(record, n);
        out.add(new double[] {n, textureCorrelation(image, n), 0, 0});
        outsideError(image, sourceLuma.get(n), region, out.get(out.size() - 1));
      }
    }
    return out;
  }

  /** The redacted region from the side-car, or the square itself when nothing was redacted. */
  private static int[] regionOf(JsonNode record, int n) {
    JsonNode r = record.path("redactions");
    if (r.isArray() && r.size() > 0) {
      JsonNode g = r.get(0);
      return new int[] {
        g.path("x1").asInt(), g.path("y1").asInt(), g.path("x2").asInt(), g.path("y2").asInt()
      };
    }
    int x = SyntheticVideo.squareX(n, W);
    int y = SyntheticVideo.squareY(n, H);
    return new int[] {x, y, x + SyntheticVideo.SQUARE, y + SyntheticVideo.SQUARE};
  }

  /**
   * Pearson correlation between the picture inside frame n's square and the checkerboard drawn
   * there: about 1 where the texture is visible, about 0 where it is gone.
   */
  private static double textureCorrelation(YuvImage image, int n) {
    return correlation((dx, dy) -> image.lumaAt(dx, dy), n);
  }

  private static double textureCorrelation(BufferedImage image, int n) {
    return correlation((x, y) -> (image.getRGB(x, y) >> 8) & 0xFF, n);
  }

  private interface Luma {
    int at(int x, int y);
  }

  private static double correlation(Luma luma, int n) {
    int x0 = SyntheticVideo.squareX(n, W);
    int y0 = SyntheticVideo.squareY(n, H);
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    int count = 0;
    // 2 pixels in from the edges: the square's outline against grey is not texture.
    for (int dy = 2; dy < SyntheticVideo.SQUARE - 2; dy++) {
      for (int dx = 2; dx < SyntheticVideo.SQUARE - 2; dx++) {
        double a = luma.at(x0 + dx, y0 + dy);
        double b = SyntheticVideo.textureLuma(dx, dy);
        sa += a;
        sb += b;
        saa += a * a;
        sbb += b * b;
        sab += a * b;
        count++;
      }
    }
    double cov = sab / count - (sa / count) * (sb / count);
    double va = saa / count - (sa / count) * (sa / count);
    double vb = sbb / count - (sb / count) * (sb / count);
    return va < 1e-9 ? 0 : cov / Math.sqrt(va * vb);
  }

  /** Mean and 99th percentile of |output - source| over pixels 8+ px away from the region. */
  private static void outsideError(YuvImage image, byte[] source, int[] region, double[] into) {
    int[] histogram = new int[256];
    long sum = 0;
    int count = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        if (x >= region[0] - 8 && x < region[2] + 8 && y >= region[1] - 8 && y < region[3] + 8) {
          continue;
        }
        int d = Math.abs(image.lumaAt(x, y) - (source[y * W + x] & 0xFF));
        histogram[d]++;
        sum += d;
        count++;
      }
    }
    into[2] = (double) sum / count;
    int seen = 0;
    for (int d = 0; d < 256; d++) {
      seen += histogram[d];
      if (seen >= count * 0.99) {
        into[3] = d;
        break;
      }
    }
  }

  private static Map<Integer, byte[]> decodeLuma(Path file) {
    Map<Integer, byte[]> frames = new HashMap<>();
    try (VideoSource source = VideoSource.open(file.toString())) {
      VideoFrame frame;
      while ((frame = source.next()) != null) {
        YuvImage image = frame.image();
        int n = SyntheticVideo.readFrameNumber(image, W, H);
        byte[] luma = new byte[W * H];
        for (int y = 0; y < H; y++) {
          for (int x = 0; x < W; x++) {
            luma[y * W + x] = (byte) image.lumaAt(x, y);
          }
        }
        frames.put(n, luma);
      }
    }
    return frames;
  }
}
