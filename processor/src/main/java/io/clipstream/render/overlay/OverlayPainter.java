package io.clipstream.render.overlay;

import io.clipstream.image.YuvImage;
import java.util.List;
import java.util.Objects;

/**
 * Draws a {@link FrameOverlay} straight into the Y/U/V planes of a decoded picture: zones, box
 * outlines, label tabs ({@code label #track score}), the timestamp banner and the event marker.
 *
 * <p>Construct one per clip (or per output size): line widths and text sizes are derived from the
 * picture size and printable ASCII glyphs are rasterised here, once (other characters on first
 * use). {@link #paint} then only writes pixels: no per-frame allocation once its scratch rows have
 * grown to the picture width, no Java2D, no RGB. It never throws for bad boxes (NaN, inverted,
 * off-picture: skipped or clipped) and never writes outside the planes.
 *
 * <p>Emphasis: when the overlay has at least one {@link OverlayBox#focus() focus} box, focus boxes
 * are drawn thicker in full colour and on top, the others thinner in a muted colour with
 * translucent tabs; without focus boxes every box is drawn normally. Colours: {@link TrackPalette},
 * converted by {@link ColorMatrix}.
 *
 * <p>Not thread-safe: use one painter per rendering thread.
 */
public final class OverlayPainter {

  private final OverlayMetrics metrics;
  private final YuvCanvas canvas = new YuvCanvas();
  private final BoxPainter boxes;
  private final ZonePainter zones;
  private final BannerPainter banner;

  /**
   * @param width width of the pictures that will be painted (the output size)
   * @param height height of the pictures that will be painted
   */
  public OverlayPainter(int width, int height, OverlayStyle style) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "Picture size must be positive, got " + width + "x" + height);
    }
    Objects.requireNonNull(style, "style");
    this.metrics = OverlayMetrics.of(width, height, style);
    TrackPalette palette = new TrackPalette(style.matrix());
    TextTab labelTab =
        new TextTab(
            GlyphAtlas.create(style.fontFamily(), metrics.labelPixels()),
            metrics.padX(),
            metrics.padY());
    TextTab bannerTab =
        new TextTab(
            GlyphAtlas.create(style.fontFamily(), metrics.bannerPixels()),
            metrics.padX(),
            metrics.padY());
    this.boxes = new BoxPainter(labelTab, palette, metrics, style.showScores());
    this.zones = new ZonePainter(labelTab, palette, metrics.mutedThickness() + 1);
    this.banner = new BannerPainter(bannerTab, metrics.margin(), style.matrix());
  }

  /**
   * Loads what the first painter would otherwise load on the render's critical path: Java2D's font
   * configuration and the default font's rasteriser (a few hundred classes and the font files, a
   * tenth of a second or more). Safe to call from any thread, any number of times; a host without
   * usable fonts is left to the painter's own fallback.
   */
  public static void warmUp() {
    GlyphAtlas.create(OverlayStyle.DEFAULT.fontFamily(), 16);
  }

  /**
   * Box outline width in pixels for boxes drawn normally (2 at 640-768 wide, 3 at 1280, 4 at 1920).
   */
  public int lineThickness() {
    return metrics.thickness();
  }

  /** Outline width of focus boxes. */
  public int focusLineThickness() {
    return metrics.focusThickness();
  }

  /** Outline width of muted (non-focus) boxes. */
  public int mutedLineThickness() {
    return metrics.mutedThickness();
  }

  /**
   * Paints the overlay onto the picture in place. The picture is expected to have the size given at
   * construction; source coordinates are scaled by the picture's actual size over the overlay's
   * source size (an overlay with a non-positive source size is taken to be in picture pixels).
   *
   * @throws IllegalArgumentException when a plane buffer is too small for the picture's size and
   *     strides
   */
  public void paint(YuvImage picture, FrameOverlay overlay) {
    checkPlanes(picture);
    canvas.target(picture);
    double sx = overlay.sourceWidth() > 0 ? (double) picture.width() / overlay.sourceWidth() : 1.0;
    double sy =
        overlay.sourceHeight() > 0 ? (double) picture.height() / overlay.sourceHeight() : 1.0;
    List<OverlayZone> zoneList = overlay.zones();
    for (int i = 0; i < zoneList.size(); i++) {
      zones.paint(canvas, zoneList.get(i), sx, sy);
    }
    List<OverlayBox> boxList = overlay.boxes();
    boolean anyFocus = false;
    for (int i = 0; i < boxList.size(); i++) {
      anyFocus |= boxList.get(i).focus();
    }
    // Two passes each (others, then focus) so focus boxes and their tabs end up on top; all
    // outlines
    // before any tab so no outline cuts through a label.
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < boxList.size(); i++) {
        OverlayBox box = boxList.get(i);
        if (box.focus() == (pass == 1)) {
          boxes.paintOutline(canvas, box, sx, sy, emphasis(box, anyFocus));
        }
      }
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < boxList.size(); i++) {
        OverlayBox box = boxList.get(i);
        if (box.focus() == (pass == 1)) {
          boxes.paintLabel(canvas, box, sx, sy, emphasis(box, anyFocus));
        }
      }
    }
    if (overlay.banner() != null && overlay.banner().isPresent()) {
      banner.paintBanner(canvas, overlay.banner().get());
    }
    if (overlay.eventActive()) {
      banner.paintEventMarker(canvas);
    }
  }

  private static BoxPainter.Emphasis emphasis(OverlayBox box, boolean anyFocus) {
    if (!anyFocus) {
      return BoxPainter.Emphasis.NORMAL;
    }
    return box.focus() ? BoxPainter.Emphasis.FOCUS : BoxPainter.Emphasis.MUTED;
  }

  private static void checkPlanes(YuvImage p) {
    int cw = (p.width() + 1) / 2;
    int ch = (p.height() + 1) / 2;
    check("Y", p.y().limit(), (long) (p.height() - 1) * p.yStride() + p.width(), p);
    check("U", p.u().limit(), (long) (ch - 1) * p.uStride() + cw, p);
    check("V", p.v().limit(), (long) (ch - 1) * p.vStride() + cw, p);
  }

  private static void check(String plane, int limit, long needed, YuvImage p) {
    if (limit < needed) {
      throw new IllegalArgumentException(
          plane
              + " plane holds "
              + limit
              + " bytes but a "
              + p.width()
              + "x"
              + p.height()
              + " picture with strides "
              + p.yStride()
              + "/"
              + p.uStride()
              + "/"
              + p.vStride()
              + " needs "
              + needed
              + "; pass each plane's own buffer, not the Y plane's limit");
    }
  }
}
