package io.clipstream.render.overlay;

import io.clipstream.image.YuvImage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Short constructors for overlay test data. */
final class Boxes {

  private Boxes() {}

  static OverlayBox tracked(float x1, float y1, float x2, float y2, long track) {
    return new OverlayBox(
        x1, y1, x2, y2, "person", OptionalLong.of(track), 0.87f, OptionalInt.empty(), false, false);
  }

  static OverlayBox focus(float x1, float y1, float x2, float y2, long track) {
    return new OverlayBox(
        x1, y1, x2, y2, "person", OptionalLong.of(track), 0.87f, OptionalInt.empty(), true, false);
  }

  static OverlayBox colored(float x1, float y1, float x2, float y2, int rgb) {
    return new OverlayBox(
        x1, y1, x2, y2, "car", OptionalLong.empty(), 0.5f, OptionalInt.of(rgb), false, false);
  }

  /** Boxes only, in picture pixels (source size = picture size), no banner, no marker. */
  static FrameOverlay only(YuvImage picture, OverlayBox... boxes) {
    return new FrameOverlay(
        picture.width(), picture.height(), List.of(boxes), List.of(), Optional.empty(), false);
  }

  static int expectedColor(OverlayBox box) {
    return new TrackPalette(ColorMatrix.BT601).colorOf(box);
  }
}
