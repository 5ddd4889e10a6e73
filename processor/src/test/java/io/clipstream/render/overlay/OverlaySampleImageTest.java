package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.image.YuvImage;
import java.awt.image.BufferedImage;
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
 * checks that what was written is the painted picture; the cost of painting is measured by the
 * benchmarks ({@code bench/}), not here.
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
    BufferedImage unpainted = TestPictures.toRgb(TestPictures.scene(1280, 720));
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT).paint(picture, sampleOverlay());

    Path out = Path.of("target", "overlay-sample.png");
    Files.createDirectories(out.getParent());
    ImageIO.write(TestPictures.toRgb(picture), "png", out.toFile());

    BufferedImage written = ImageIO.read(out.toFile());
    assertThat(written.getWidth()).isEqualTo(1280);
    assertThat(written.getHeight()).isEqualTo(720);
    long changed = 0;
    for (int y = 0; y < 720; y++) {
      for (int x = 0; x < 1280; x++) {
        if (written.getRGB(x, y) != unpainted.getRGB(x, y)) {
          changed++;
        }
      }
    }
    // Boxes, labels, the zone and the banner show, and the scene still shows around them.
    assertThat(changed).isGreaterThan(1280 * 720 / 100).isLessThan(1280 * 720 / 2);
  }

  @Test
  void shouldMarkEveryOneOfTenBoxesOnA1080pPictureWithPaddedRows() {
    YuvImage picture = TestPictures.padded(1920, 1080); // direct buffers, like decoded frames
    byte[] before = TestPictures.snapshot(picture);
    OverlayPainter painter = new OverlayPainter(1920, 1080, OverlayStyle.DEFAULT);
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

    painter.paint(picture, overlay);

    assertThat(TestPictures.snapshot(picture)).isNotEqualTo(before);
    for (OverlayBox box : boxes) {
      // Along the left edge (dashed for interpolated boxes), clear of labels and the banner.
      int marked = 0;
      for (int y = (int) box.y1() + 40; y < (int) box.y2(); y++) {
        for (int x = (int) box.x1() - 3; x <= (int) box.x1() + 3; x++) {
          marked += picture.lumaAt(x, y) != TestPictures.GREY_Y ? 1 : 0;
        }
      }
      assertThat(marked).as("pixels drawn on the left edge of box %s", box.trackId()).isPositive();
    }
  }
}
