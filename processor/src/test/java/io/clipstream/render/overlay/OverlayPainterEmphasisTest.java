package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.image.YuvImage;
import org.junit.jupiter.api.Test;

class OverlayPainterEmphasisTest {

  private final OverlayPainter painter = new OverlayPainter(1280, 720, OverlayStyle.DEFAULT);

  @Test
  void shouldDrawFocusBoxThickerAndOthersMutedWhenEventHasFocusTracks() {
    YuvImage picture = TestPictures.grey(1280, 720);
    OverlayBox focus = Boxes.focus(100, 200, 300, 500, 12);
    OverlayBox other = Boxes.tracked(600, 200, 800, 500, 13);
    painter.paint(picture, Boxes.only(picture, focus, other));

    int focusColor = Boxes.expectedColor(focus);
    int otherColor = Boxes.expectedColor(other);
    int focusT = painter.focusLineThickness();
    int mutedT = painter.mutedLineThickness();
    assertThat(focusT).isGreaterThan(painter.lineThickness());
    assertThat(mutedT).isLessThan(painter.lineThickness());

    assertThat(picture.lumaAt(100 + focusT - 1, 350)).isEqualTo(ColorMatrix.luma(focusColor));
    assertThat(picture.lumaAt(100 + focusT, 350)).isEqualTo(TestPictures.GREY_Y);
    assertThat(picture.lumaAt(600 + mutedT - 1, 350))
        .isEqualTo(ColorMatrix.luma(ColorMatrix.muted(otherColor)));
    assertThat(picture.lumaAt(600 + mutedT, 350)).isEqualTo(TestPictures.GREY_Y);
    // Muted means less saturated: chroma closer to neutral than the track's full colour.
    int mutedSaturation =
        Math.abs(picture.crAt(600, 350) - 128) + Math.abs(picture.cbAt(600, 350) - 128);
    int fullSaturation =
        Math.abs(ColorMatrix.cr(otherColor) - 128) + Math.abs(ColorMatrix.cb(otherColor) - 128);
    assertThat(mutedSaturation).isLessThan(fullSaturation / 2);
  }

  @Test
  void shouldDrawEveryBoxNormallyWithoutFocusTracks() {
    YuvImage picture = TestPictures.grey(1280, 720);
    OverlayBox a = Boxes.tracked(100, 200, 300, 500, 12);
    OverlayBox b = Boxes.tracked(600, 200, 800, 500, 13);
    painter.paint(picture, Boxes.only(picture, a, b));

    int t = painter.lineThickness();
    assertThat(picture.lumaAt(100 + t - 1, 350))
        .isEqualTo(ColorMatrix.luma(Boxes.expectedColor(a)));
    assertThat(picture.lumaAt(600 + t - 1, 350))
        .isEqualTo(ColorMatrix.luma(Boxes.expectedColor(b)));
    assertThat(picture.crAt(600, 350)).isEqualTo(ColorMatrix.cr(Boxes.expectedColor(b)));
    assertThat(picture.lumaAt(600 + t, 350)).isEqualTo(TestPictures.GREY_Y);
  }

  @Test
  void shouldDrawFocusBoxOnTopOfOverlappingMutedBox() {
    YuvImage picture = TestPictures.grey(1280, 720);
    OverlayBox focus = Boxes.focus(100, 200, 300, 500, 12);
    OverlayBox other =
        Boxes.tracked(100, 200, 300, 500, 13); // same rectangle, listed after the focus box
    painter.paint(picture, Boxes.only(picture, focus, other));

    assertThat(picture.lumaAt(100, 350)).isEqualTo(ColorMatrix.luma(Boxes.expectedColor(focus)));
  }
}
