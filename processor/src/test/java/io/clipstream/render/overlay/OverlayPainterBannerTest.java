package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.image.YuvImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverlayPainterBannerTest {

  private static final String BANNER = "camera-7  2026-11-21 06:12:03.417 UTC";

  @Test
  void shouldDrawBannerTextOnDarkStripTopLeft() {
    YuvImage picture = TestPictures.grey(1280, 720);
    paint(picture, Optional.of(BANNER), false);

    assertThat(OverlayPainterLabelTest.countBright(picture, 0, 0, 640, 60))
        .as("white text")
        .isGreaterThan(300);
    assertThat(picture.lumaAt(14, 14))
        .as("translucent dark background")
        .isLessThan(TestPictures.GREY_Y - 30);
    assertThat(picture.lumaAt(640, 100)).as("rest of the picture").isEqualTo(TestPictures.GREY_Y);
    assertThat(OverlayPainterLabelTest.countBright(picture, 900, 0, 1280, 60))
        .as("no marker")
        .isZero();
  }

  @Test
  void shouldDrawRedEventMarkerTopRightWhileEventIsActive() {
    YuvImage picture = TestPictures.grey(1280, 720);
    paint(picture, Optional.empty(), true);

    int red = 0;
    for (int row = 0; row < 60; row++) {
      for (int col = 1100; col < 1280; col++) {
        red += picture.crAt(col, row) > 200 ? 1 : 0;
      }
    }
    assertThat(red).as("red dot").isGreaterThan(50);
    assertThat(OverlayPainterLabelTest.countBright(picture, 1100, 0, 1280, 60))
        .as("EVENT text")
        .isGreaterThan(50);
    assertThat(OverlayPainterLabelTest.countBright(picture, 0, 0, 640, 60))
        .as("no banner")
        .isZero();
  }

  @Test
  void shouldDrawNothingWithoutBannerAndWithoutActiveEvent() {
    YuvImage picture = TestPictures.grey(1280, 720);
    byte[] before = TestPictures.snapshot(picture);
    paint(picture, Optional.empty(), false);

    assertThat(TestPictures.snapshot(picture)).isEqualTo(before);
  }

  private static void paint(YuvImage picture, Optional<String> banner, boolean eventActive) {
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT)
        .paint(picture, new FrameOverlay(1280, 720, List.of(), List.of(), banner, eventActive));
  }
}
