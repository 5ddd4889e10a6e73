package io.clipstream.render.overlay;

/**
 * Pixel sizes of the overlay elements for one output resolution. Sizes follow the long side of the
 * picture so a portrait 1080x1920 clip gets the same weight as a landscape 1920x1080 one: lines are
 * 2 px up to ~720 wide, 3 px at 1280, 4 px at 1920; label text is ~1/72 of the long side (18 px at
 * 1280, 27 px at 1920, never under 12 px so 640x360 stays readable).
 */
record OverlayMetrics(
    int thickness,
    int focusThickness,
    int mutedThickness,
    int labelPixels,
    int bannerPixels,
    int padX,
    int padY,
    int margin) {

  static OverlayMetrics of(int width, int height, OverlayStyle style) {
    double base = Math.max(width, height) * style.scale();
    int thickness = Math.max(2, (int) Math.round(base / 480));
    int focus = thickness + Math.max(1, thickness / 2);
    int muted = Math.max(1, thickness - 1);
    int label = Math.max(12, (int) Math.round(base / 72));
    int banner = Math.max(13, (int) Math.round(label * 1.1));
    int padX = Math.max(3, Math.round(label * 0.35f));
    int padY = Math.max(2, Math.round(label * 0.22f));
    int margin = Math.max(4, thickness * 3);
    return new OverlayMetrics(thickness, focus, muted, label, banner, padX, padY, margin);
  }
}
