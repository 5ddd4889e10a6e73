package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.clipstream.image.YuvImage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OverlayPainterZoneTest {

  private static final int GREEN = 0x00FF00;

  @Test
  void shouldDrawClosedPolygonIncludingClosingEdge() {
    YuvImage picture =
        paint(true, new float[] {100, 100}, new float[] {300, 100}, new float[] {300, 300});

    int luma = ColorMatrix.luma(ColorMatrix.BT601.toYuv(GREEN));
    assertThat(picture.lumaAt(200, 100)).as("first edge").isEqualTo(luma);
    assertThat(picture.lumaAt(300, 200)).as("second edge").isEqualTo(luma);
    assertThat(picture.lumaAt(200, 200)).as("closing diagonal edge").isEqualTo(luma);
    assertThat(picture.lumaAt(250, 150)).as("inside: outline only").isEqualTo(TestPictures.GREY_Y);
  }

  @Test
  void shouldNotCloseAPolyline() {
    YuvImage picture =
        paint(false, new float[] {100, 100}, new float[] {300, 100}, new float[] {300, 300});

    assertThat(picture.lumaAt(200, 100))
        .isEqualTo(ColorMatrix.luma(ColorMatrix.BT601.toYuv(GREEN)));
    assertThat(picture.lumaAt(200, 200)).isEqualTo(TestPictures.GREY_Y);
  }

  @Test
  void shouldDrawSteepAndShallowLinesWithoutGaps() {
    YuvImage picture =
        paint(false, new float[] {10, 10}, new float[] {60, 400}, new float[] {600, 420});

    int luma = ColorMatrix.luma(ColorMatrix.BT601.toYuv(GREEN));
    for (int row = 20; row < 400; row++) {
      int x = Math.round(10 + (row - 10) * 50f / 390);
      assertThat(picture.lumaAt(x, row)).as("steep line at row %d", row).isEqualTo(luma);
    }
    for (int col = 70; col < 600; col++) {
      int y = Math.round(400 + (col - 60) * 20f / 540);
      assertThat(picture.lumaAt(col, y)).as("shallow line at column %d", col).isEqualTo(luma);
    }
  }

  @Test
  void shouldLabelZoneNearItsFirstPoint() {
    YuvImage picture = TestPictures.grey(1280, 720);
    OverlayZone zone =
        new OverlayZone(
            "restricted",
            List.of(new float[] {400, 300}, new float[] {900, 300}),
            false,
            OptionalInt.of(0x2F5BFF));
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT)
        .paint(
            picture,
            new FrameOverlay(1280, 720, List.of(), List.of(zone), Optional.empty(), false));

    assertThat(OverlayPainterLabelTest.countBright(picture, 400, 300, 560, 340)).isGreaterThan(60);
  }

  @Test
  void shouldSkipInvalidZonePointsWithoutThrowing() {
    assertThatCode(
            () ->
                paint(
                    true,
                    new float[] {Float.NaN, 10},
                    new float[] {1e30f, -1e30f},
                    new float[] {1},
                    new float[] {Float.POSITIVE_INFINITY, 0},
                    new float[] {100, 100}))
        .doesNotThrowAnyException();
  }

  private static YuvImage paint(boolean closed, float[]... points) {
    YuvImage picture = TestPictures.grey(640, 480);
    OverlayZone zone = new OverlayZone("", List.of(points), closed, OptionalInt.of(GREEN));
    new OverlayPainter(640, 480, OverlayStyle.DEFAULT)
        .paint(
            picture, new FrameOverlay(640, 480, List.of(), List.of(zone), Optional.empty(), false));
    return picture;
  }
}
