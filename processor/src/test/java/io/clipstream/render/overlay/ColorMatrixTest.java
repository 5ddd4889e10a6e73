package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColorMatrixTest {

  @Test
  void shouldMapWhiteAndBlackToLimitedRangeExtremes() {
    assertThat(ColorMatrix.BT601.toYuv(0xFFFFFF)).isEqualTo(ColorMatrix.pack(235, 128, 128));
    assertThat(ColorMatrix.BT601.toYuv(0x000000)).isEqualTo(ColorMatrix.pack(16, 128, 128));
  }

  @Test
  void shouldConvertPrimariesWithBt601Coefficients() {
    assertThat(ColorMatrix.BT601.toYuv(0xFF0000)).isEqualTo(ColorMatrix.pack(81, 90, 240));
    assertThat(ColorMatrix.BT601.toYuv(0x00FF00)).isEqualTo(ColorMatrix.pack(145, 54, 34));
    assertThat(ColorMatrix.BT601.toYuv(0x0000FF)).isEqualTo(ColorMatrix.pack(41, 240, 110));
  }

  @Test
  void shouldConvertPrimariesWithBt709Coefficients() {
    assertThat(ColorMatrix.BT709.toYuv(0xFF0000)).isEqualTo(ColorMatrix.pack(63, 102, 240));
    assertThat(ColorMatrix.BT709.toYuv(0x00FF00)).isEqualTo(ColorMatrix.pack(173, 42, 26));
  }

  @Test
  void shouldMuteTowardsNeutralAndDarker() {
    int red = ColorMatrix.BT601.toYuv(0xFF0000);
    int muted = ColorMatrix.muted(red);

    assertThat(ColorMatrix.luma(muted)).isLessThan(ColorMatrix.luma(red));
    assertThat(Math.abs(ColorMatrix.cr(muted) - 128))
        .isLessThan(Math.abs(ColorMatrix.cr(red) - 128) / 2);
  }
}
