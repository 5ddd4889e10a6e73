package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.image.YuvImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Writes {@code target/overlay-sample.png} (a painted 1280x720 scene) for a person to look at, and
 * prints the cost of painting ten boxes on 1080p. Neither is a pass/fail judgement of looks or
 * speed.
 */
class OverlaySampleImageTest {

  static FrameOverlay sampleOverlay() {
    List<OverlayBox> boxes =
        List.of(
            new OverlayBox(
                812,
                402,
                1010,
                980,
                "person",
                OptionalLong.of(12),
                0.87f,
                OptionalInt.empty(),
                true,
                false),
            new OverlayBox(
                1240,
                520,
                1390,
                890,
                "person",
                OptionalLong.of(13),
                0.64f,
                OptionalInt.empty(),
                false,
                true),
            new OverlayBox(
                140,
                610,
                620,
                900,
                "car",
                OptionalLong.of(7),
                0.93f,
                OptionalInt.empty(),
                false,
                false),
            new OverlayBox(
                1500,
                0,
                1760,
                300,
                "backpack",
                OptionalLong.empty(),
                0.41f,
                OptionalInt.empty(),
                false,
                false),
            new OverlayBox(
                1020,
                640,
                1120,
                760,
                "dog",
                OptionalLong.of(3),
                0.55f,
                OptionalInt.of(0x00FF7F),
                false,
                false));
    List<OverlayZone> zones =
        List.of(
            new OverlayZone(
                "restricted area",
                List.of(
                    new float[] {60, 1000},
                    new float[] {700, 560},
                    new float[] {1500, 560},
                    new float[] {1880, 1040}),
                true,
                OptionalInt.empty()));
    return new FrameOverlay(
        1920, 1080, boxes, zones, Optional.of("camera-7  2026-11-21 06:12:03.417 UTC"), true);
  }

  @Test
  void shouldWriteReadableSamplePngOf720pPicture() throws Exception {
    YuvImage picture = TestPictures.scene(1280, 720);
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT).paint(picture, sampleOverlay());

    Path out = Path.of("target", "overlay-sample.png");
    Files.createDirectories(out.getParent());
    ImageIO.write(TestPictures.toRgb(picture), "png", out.toFile());
    assertThat(new File(out.toString())).exists();
  }

  @Test
  void shouldPrintCostOfPaintingTenBoxesOn1080p() {
    YuvImage picture = TestPictures.padded(1920, 1080); // direct buffers, like decoded frames
    long constructed = System.nanoTime();
    OverlayPainter painter = new OverlayPainter(1920, 1080, OverlayStyle.DEFAULT);
    System.out.printf(
        "Overlay painter for 1920x1080 constructed (glyphs rasterised) in %.1f ms%n",
        (System.nanoTime() - constructed) / 1e6);
    List<OverlayBox> boxes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      boxes.add(
          new OverlayBox(
              100 + i * 170,
              200 + i * 40,
              240 + i * 170,
              560 + i * 40,
              "person",
              OptionalLong.of(i),
              0.5f + i / 20f,
              OptionalInt.empty(),
              i == 3,
              i % 2 == 0));
    }
    FrameOverlay overlay =
        new FrameOverlay(
            1920,
            1080,
            boxes,
            List.of(),
            Optional.of("camera-7  2026-11-21 06:12:03.417 UTC"),
            true);
    for (int i = 0; i < 300; i++) {
      painter.paint(picture, overlay); // warm-up for the JIT
    }
    int frames = 1000;
    long start = System.nanoTime();
    for (int i = 0; i < frames; i++) {
      painter.paint(picture, overlay);
    }
    double micros = (System.nanoTime() - start) / 1000.0 / frames;
    System.out.printf(
        "Overlay paint, 10 boxes + banner + marker on 1920x1080: %.1f us/frame over %d frames%n",
        micros, frames);
    assertThat(micros).isPositive();
  }
}
