package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackPaletteTest {

  private final TrackPalette palette = new TrackPalette(ColorMatrix.BT601);

  @Test
  void shouldKeepColourOfTrackWhateverItsLabelOrPosition() {
    assertThat(palette.colorOf(box("person", 7, OptionalInt.empty())))
        .isEqualTo(palette.colorOf(box("car", 7, OptionalInt.empty())));
  }

  @Test
  void shouldGiveNeighbouringTrackIdsDistinctColours() {
    Set<Integer> colours = new HashSet<>();
    for (long track = 1; track <= palette.size(); track++) {
      colours.add(palette.colorOf(box("person", track, OptionalInt.empty())));
    }
    assertThat(colours).hasSize(palette.size());
  }

  @Test
  void shouldUseExplicitColourWhenGiven() {
    assertThat(palette.colorOf(box("person", 7, OptionalInt.of(0xFF0000))))
        .isEqualTo(ColorMatrix.BT601.toYuv(0xFF0000));
  }

  @Test
  void shouldColourUntrackedBoxesByLabel() {
    OverlayBox a =
        new OverlayBox(
            0, 0, 1, 1, "car", OptionalLong.empty(), 1, OptionalInt.empty(), false, false);
    OverlayBox b =
        new OverlayBox(
            5, 5, 9, 9, "car", OptionalLong.empty(), 0, OptionalInt.empty(), false, false);
    assertThat(palette.colorOf(a))
        .isEqualTo(palette.colorOf(b))
        .isEqualTo(palette.colorOfName("car"));
  }

  @Test
  void shouldHandleNegativeTrackIds() {
    assertThat(palette.colorOf(box("person", -3, OptionalInt.empty()))).isNotZero();
  }

  @Test
  void shouldUseSaturatedPaletteColours() {
    for (int rgb : TrackPalette.RGB) {
      int yuv = ColorMatrix.BT601.toYuv(rgb);
      int chroma = Math.abs(ColorMatrix.cb(yuv) - 128) + Math.abs(ColorMatrix.cr(yuv) - 128);
      assertThat(chroma).as("chroma of %06X", rgb).isGreaterThan(50);
    }
  }

  private static OverlayBox box(String label, long track, OptionalInt color) {
    return new OverlayBox(0, 0, 10, 10, label, OptionalLong.of(track), 0.5f, color, false, false);
  }
}
