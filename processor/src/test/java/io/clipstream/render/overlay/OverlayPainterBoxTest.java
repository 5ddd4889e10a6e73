package io.clipstream.render.overlay;

import static io.clipstream.render.overlay.TestPictures.GREY_Y;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.image.YuvImage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OverlayPainterBoxTest {

  static Stream<Arguments> pictures() {
    return Stream.of(
        Arguments.of("640x360", TestPictures.grey(640, 360), 2),
        Arguments.of("768x432", TestPictures.grey(768, 432), 2),
        Arguments.of("854x480 padded to stride 896", TestPictures.padded(854, 480), 2),
        Arguments.of("1280x720", TestPictures.grey(1280, 720), 3),
        Arguments.of("1920x1080", TestPictures.grey(1920, 1080), 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pictures")
  void shouldScaleLineThicknessWithResolution(String name, YuvImage picture, int expected) {
    assertThat(
            new OverlayPainter(picture.width(), picture.height(), OverlayStyle.DEFAULT)
                .lineThickness())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pictures")
  void shouldDrawOutlineInTrackColourOnExactBoxEdges(String name, YuvImage picture, int t) {
    OverlayBox box = Boxes.tracked(100, 120, 300, 260, 5);
    new OverlayPainter(picture.width(), picture.height(), OverlayStyle.DEFAULT)
        .paint(picture, Boxes.only(picture, box));

    int color = Boxes.expectedColor(box);
    int luma = ColorMatrix.luma(color);
    for (int i = 0; i < t; i++) {
      assertThat(picture.lumaAt(100 + i, 190)).as("left stroke column %d", 100 + i).isEqualTo(luma);
      assertThat(picture.lumaAt(299 - i, 190))
          .as("right stroke column %d", 299 - i)
          .isEqualTo(luma);
      assertThat(picture.lumaAt(200, 120 + i)).as("top stroke row %d", 120 + i).isEqualTo(luma);
      assertThat(picture.lumaAt(200, 259 - i)).as("bottom stroke row %d", 259 - i).isEqualTo(luma);
    }
    assertThat(picture.cbAt(100, 190)).isEqualTo(ColorMatrix.cb(color));
    assertThat(picture.crAt(299, 190)).isEqualTo(ColorMatrix.cr(color));
    assertThat(picture.lumaAt(99, 190)).as("just left of the box").isEqualTo(GREY_Y);
    assertThat(picture.lumaAt(300, 190)).as("just right of the box").isEqualTo(GREY_Y);
    assertThat(picture.lumaAt(200, 260)).as("just below the box").isEqualTo(GREY_Y);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pictures")
  void shouldLeaveInsideOfBoxUntouched(String name, YuvImage picture, int t) {
    new OverlayPainter(picture.width(), picture.height(), OverlayStyle.DEFAULT)
        .paint(picture, Boxes.only(picture, Boxes.tracked(100, 120, 300, 260, 5)));

    for (int row = 120 + t; row < 260 - t; row++) {
      for (int col = 100 + t; col < 300 - t; col++) {
        assertThat(picture.lumaAt(col, row)).as("luma at %d,%d", col, row).isEqualTo(GREY_Y);
      }
    }
    // Chroma samples whose 2x2 block lies entirely inside the stroke-free area are untouched too.
    for (int row = 122 + t; row < 258 - t; row++) {
      for (int col = 102 + t; col < 298 - t; col++) {
        assertThat(picture.cbAt(col, row)).isEqualTo(128);
        assertThat(picture.crAt(col, row)).isEqualTo(128);
      }
    }
  }

  @Test
  void shouldWriteChromaOnSubsampledGridForOddCoordinates() {
    YuvImage picture = TestPictures.grey(1280, 720);
    OverlayBox box = Boxes.colored(101, 51, 201, 151, 0xFF0000);
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT).paint(picture, Boxes.only(picture, box));

    int red = ColorMatrix.BT601.toYuv(0xFF0000);
    // Left stroke covers columns 101..103: chroma samples 50 (cols 100-101) and 51 (102-103) are
    // red ...
    assertThat(picture.lumaAt(100, 100)).isEqualTo(GREY_Y);
    assertThat(picture.lumaAt(101, 100)).isEqualTo(ColorMatrix.luma(red));
    assertThat(picture.crAt(100, 100)).isEqualTo(ColorMatrix.cr(red));
    assertThat(picture.crAt(102, 100)).isEqualTo(ColorMatrix.cr(red));
    // ... sample 52 (cols 104-105) is inside the box and untouched.
    assertThat(picture.crAt(104, 100)).isEqualTo(128);
    // Right stroke covers columns 198..200: samples 99 and 100 red, 101 (cols 202-203) untouched.
    assertThat(picture.crAt(198, 100)).isEqualTo(ColorMatrix.cr(red));
    assertThat(picture.crAt(200, 100)).isEqualTo(ColorMatrix.cr(red));
    assertThat(picture.crAt(196, 100)).isEqualTo(128);
    assertThat(picture.crAt(202, 100)).isEqualTo(128);
    // Top stroke covers rows 51..53: chroma rows 25 and 26 coloured, row 27 (54-55) inside.
    assertThat(picture.cbAt(150, 50)).isEqualTo(ColorMatrix.cb(red));
    assertThat(picture.cbAt(150, 53)).isEqualTo(ColorMatrix.cb(red));
    assertThat(picture.cbAt(150, 54)).isEqualTo(128);
  }

  @Test
  void shouldScaleSourceCoordinatesToPictureSize() {
    YuvImage picture = TestPictures.grey(1280, 720);
    OverlayBox box = Boxes.colored(300, 150, 600, 450, 0x00FF00);
    FrameOverlay overlay =
        new FrameOverlay(1920, 1080, List.of(box), List.of(), Optional.empty(), false);
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT).paint(picture, overlay);

    int luma = ColorMatrix.luma(ColorMatrix.BT601.toYuv(0x00FF00));
    assertThat(picture.lumaAt(200, 200)).isEqualTo(luma);
    assertThat(picture.lumaAt(199, 200)).isEqualTo(GREY_Y);
    assertThat(picture.lumaAt(399, 200)).isEqualTo(luma);
    assertThat(picture.lumaAt(400, 200)).isEqualTo(GREY_Y);
    assertThat(picture.lumaAt(300, 299)).isEqualTo(luma);
    assertThat(picture.lumaAt(300, 300)).isEqualTo(GREY_Y);
  }

  @Test
  void shouldDrawInvertedCoordinatesAsTheSameBox() {
    YuvImage normal = TestPictures.grey(640, 360);
    YuvImage inverted = TestPictures.grey(640, 360);
    OverlayPainter painter = new OverlayPainter(640, 360, OverlayStyle.DEFAULT);
    painter.paint(normal, Boxes.only(normal, Boxes.tracked(100, 100, 200, 200, 1)));
    painter.paint(inverted, Boxes.only(inverted, Boxes.tracked(200, 200, 100, 100, 1)));

    assertThat(TestPictures.snapshot(inverted)).isEqualTo(TestPictures.snapshot(normal));
  }
}
