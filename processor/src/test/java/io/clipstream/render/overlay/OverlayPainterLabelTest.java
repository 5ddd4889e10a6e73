package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.image.YuvImage;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OverlayPainterLabelTest {

  private final BoxPainter labels = labelPainter(true);

  @Test
  void shouldComposeLabelTrackAndScoreWithTwoDecimals() {
    assertThat(text(labels, "person", OptionalLong.of(12), 0.8712f)).isEqualTo("person #12 0.87");
  }

  @Test
  void shouldOmitTrackPartWithoutTrack() {
    assertThat(text(labels, "car", OptionalLong.empty(), 0.5f)).isEqualTo("car 0.50");
  }

  @Test
  void shouldClampScoresOutsideUnitRange() {
    assertThat(text(labels, "car", OptionalLong.empty(), 1.7f)).isEqualTo("car 1.00");
    assertThat(text(labels, "car", OptionalLong.empty(), -0.3f)).isEqualTo("car 0.00");
    assertThat(text(labels, "car", OptionalLong.empty(), Float.NaN)).isEqualTo("car 0.00");
    assertThat(text(labels, "car", OptionalLong.empty(), 0.05f)).isEqualTo("car 0.05");
  }

  @Test
  void shouldOmitScoreWhenStyleHidesScores() {
    assertThat(text(labelPainter(false), "person", OptionalLong.of(3), 0.9f))
        .isEqualTo("person #3");
  }

  @Test
  void shouldDrawFilledTabWithBrightTextAboveBox() {
    YuvImage picture = TestPictures.grey(1280, 720);
    OverlayBox box = Boxes.colored(400, 300, 700, 600, 0x2F5BFF); // dark blue tab: white text
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT).paint(picture, Boxes.only(picture, box));

    int tabLuma = ColorMatrix.luma(ColorMatrix.BT601.toYuv(0x2F5BFF));
    assertThat(picture.lumaAt(401, 299))
        .as("tab background right above the box")
        .isEqualTo(tabLuma);
    assertThat(countBright(picture, 400, 260, 560, 300))
        .as("white text pixels in the tab")
        .isGreaterThan(60);
    assertThat(countBright(picture, 400, 300, 700, 600))
        .as("nothing bright inside the box")
        .isZero();
  }

  @Test
  void shouldPlaceTabInsideBoxWhenThereIsNoRoomAbove() {
    YuvImage picture = TestPictures.grey(1280, 720);
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT)
        .paint(picture, Boxes.only(picture, Boxes.colored(400, 5, 700, 300, 0x2F5BFF)));

    assertThat(countBright(picture, 400, 5, 600, 45))
        .as("text inside the top of the box")
        .isGreaterThan(60);
  }

  @Test
  void shouldKeepTabInsidePictureAtRightEdge() {
    YuvImage picture = TestPictures.grey(1280, 720);
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT)
        .paint(picture, Boxes.only(picture, Boxes.colored(1250, 300, 1279, 400, 0x2F5BFF)));

    assertThat(countBright(picture, 1150, 260, 1280, 300))
        .as("tab shifted left to stay readable")
        .isGreaterThan(30);
  }

  @Test
  void shouldUseDarkTextOnLightTabs() {
    YuvImage picture = TestPictures.grey(1280, 720);
    new OverlayPainter(1280, 720, OverlayStyle.DEFAULT)
        .paint(picture, Boxes.only(picture, Boxes.colored(400, 300, 700, 600, 0xFFD60A))); // yellow

    int dark = 0;
    for (int row = 262; row < 300; row++) {
      for (int col = 400; col < 560; col++) {
        dark += picture.lumaAt(col, row) < 60 ? 1 : 0;
      }
    }
    assertThat(dark).isGreaterThan(60);
  }

  @Test
  void shouldScaleTextHeightWithResolution() {
    int small = tabHeight(640, 360);
    int hd = tabHeight(1280, 720);
    int fullHd = tabHeight(1920, 1080);

    assertThat(small).isLessThan(hd);
    assertThat(hd).isLessThan(fullHd);
    assertThat(fullHd).isBetween(hd * 13 / 10, hd * 17 / 10);
  }

  private static int tabHeight(int width, int height) {
    YuvImage picture = TestPictures.grey(width, height);
    new OverlayPainter(width, height, OverlayStyle.DEFAULT)
        .paint(picture, Boxes.only(picture, Boxes.colored(100, 200, 300, 300, 0x2F5BFF)));
    int tabLuma = ColorMatrix.luma(ColorMatrix.BT601.toYuv(0x2F5BFF));
    int rows = 0;
    for (int row = 0; row < 200; row++) {
      rows += picture.lumaAt(101, row) == tabLuma ? 1 : 0; // column 101: tab padding, no text
    }
    return rows;
  }

  static int countBright(YuvImage picture, int x0, int y0, int x1, int y1) {
    int bright = 0;
    for (int row = Math.max(0, y0); row < y1; row++) {
      for (int col = Math.max(0, x0); col < x1; col++) {
        bright += picture.lumaAt(col, row) > 200 ? 1 : 0;
      }
    }
    return bright;
  }

  private static String text(BoxPainter painter, String label, OptionalLong track, float score) {
    return painter
        .labelText(
            new OverlayBox(0, 0, 1, 1, label, track, score, OptionalInt.empty(), false, false))
        .toString();
  }

  private static BoxPainter labelPainter(boolean scores) {
    OverlayMetrics metrics = OverlayMetrics.of(1280, 720, OverlayStyle.DEFAULT);
    TextTab tab = new TextTab(new GlyphAtlas(new BitmapGlyphRasterizer(12)), 3, 2);
    return new BoxPainter(tab, new TrackPalette(ColorMatrix.BT601), metrics, scores);
  }
}
