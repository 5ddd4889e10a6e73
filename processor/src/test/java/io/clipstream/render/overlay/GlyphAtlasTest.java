package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.image.YuvImage;
import org.junit.jupiter.api.Test;

class GlyphAtlasTest {

  @Test
  void shouldRasteriseAntialiasedGlyphsOnceAndScaleWithPixelSize() {
    GlyphAtlas small = GlyphAtlas.create("SansSerif", 12);
    GlyphAtlas large = GlyphAtlas.create("SansSerif", 24);

    assertThat(large.lineHeight())
        .isBetween(small.lineHeight() * 3 / 2, small.lineHeight() * 5 / 2);
    assertThat(large.textWidth("person #12 0.87"))
        .isGreaterThan(small.textWidth("person #12 0.87"));
    assertThat(small.glyph('A')).isSameAs(small.glyph('A'));
    assertThat(small.glyph(' ').isBlank()).isTrue();
  }

  @Test
  void shouldRasteriseCharactersOutsideLatin1OnFirstUse() {
    GlyphAtlas atlas = GlyphAtlas.create("SansSerif", 16);

    assertThat(atlas.glyph('Ж').advance()).isPositive();
    assertThat(atlas.glyph('Ж')).isSameAs(atlas.glyph('Ж'));
  }

  @Test
  void shouldDrawReadableTextWithBuiltInBitmapFont() {
    GlyphAtlas atlas = new GlyphAtlas(new BitmapGlyphRasterizer(18));
    YuvImage picture = TestPictures.grey(200, 40);
    YuvCanvas canvas = new YuvCanvas();
    canvas.target(picture);

    int end = atlas.draw(canvas, "EVENT #7", 5, 5, 200, TextTab.WHITE, YuvCanvas.OPAQUE);

    assertThat(end).isEqualTo(5 + atlas.textWidth("EVENT #7"));
    assertThat(OverlayPainterLabelTest.countBright(picture, 0, 0, 200, 40)).isGreaterThan(100);
    assertThat(atlas.glyph('\u00e9').advance()).as("unknown characters draw as '?'").isPositive();
  }

  @Test
  void shouldStopDrawingTextAtTheLimit() {
    GlyphAtlas atlas = GlyphAtlas.create("SansSerif", 16);
    YuvImage picture = TestPictures.grey(400, 40);
    YuvCanvas canvas = new YuvCanvas();
    canvas.target(picture);

    int end =
        atlas.draw(
            canvas, "a long text that does not fit", 0, 5, 60, TextTab.WHITE, YuvCanvas.OPAQUE);

    assertThat(end).isLessThanOrEqualTo(60);
    assertThat(OverlayPainterLabelTest.countBright(picture, 62, 0, 400, 40)).isZero();
  }
}
