package io.clipstream.render.overlay.redact;

import io.clipstream.image.YuvImage;
import io.clipstream.render.overlay.OverlayBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Applies a {@link RedactionPolicy} to decoded pictures, in place, before the overlay is painted:
 * privacy zones first, then every redacted box (margin included), in the luma and both chroma
 * planes. Returns what it redacted (for the side-car) and the boxes left to draw, with redacted
 * tracks relabelled "redacted" or removed so no label, track id or score of a hidden person is
 * painted.
 *
 * <p>Construct one per clip and output size. Not thread-safe.
 */
public final class Redactor {

  /** The label tab of a redacted box in {@link RedactedLabels#TAG} mode. */
  public static final String NEUTRAL_TAG = "redacted";

  /** Outline colour of a redacted box: a neutral grey, the same for every track. */
  public static final int NEUTRAL_COLOR = 0x9E9E9E;

  private final RedactionPolicy policy;
  private final int width;
  private final int height;
  private final PlaneRedactor planes = new PlaneRedactor();

  /**
   * @param width width of the pictures that will be redacted (the output size)
   * @param height height of the pictures
   */
  public Redactor(RedactionPolicy policy, int width, int height) {
    this.policy = Objects.requireNonNull(policy, "policy");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "Picture size must be positive, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  public RedactionPolicy policy() {
    return policy;
  }

  /**
   * Redacts one picture.
   *
   * @param boxes the boxes on this frame (observed, held and interpolated), in source pixels
   * @param sourceWidth width of the frame the detector saw (non-positive: boxes are in picture
   *     pixels)
   * @param sourceHeight height of the frame the detector saw
   * @param focusTracks the tracks the event is about
   */
  public Redaction apply(
      YuvImage picture,
      List<OverlayBox> boxes,
      int sourceWidth,
      int sourceHeight,
      Set<Long> focusTracks) {
    if (picture.width() != width || picture.height() != height) {
      throw new IllegalArgumentException(
          "Redactor built for "
              + width
              + "x"
              + height
              + " pictures got a "
              + picture.width()
              + "x"
              + picture.height()
              + " one; build one redactor per output size");
    }
    double sx = sourceWidth > 0 ? (double) width / sourceWidth : 1.0;
    double sy = sourceHeight > 0 ? (double) height / sourceHeight : 1.0;
    List<RedactedRegion> regions = new ArrayList<>();
    for (PrivacyZone zone : policy.zones()) {
      float[] xs = new float[zone.points().size()];
      float[] ys = new float[xs.length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = (float) (zone.points().get(i)[0] * sx);
        ys[i] = (float) (zone.points().get(i)[1] * sy);
      }
      RegionMask mask = RegionMask.polygon(xs, ys, width, height);
      if (mask != null) {
        int block = redact(picture, mask);
        regions.add(
            new RedactedRegion(
                OptionalLong.empty(),
                "zone",
                Optional.of(zone.name()),
                policy.method(),
                mask.x0,
                mask.y0,
                mask.x1,
                mask.y1,
                block,
                false));
      }
    }
    List<OverlayBox> toDraw = new ArrayList<>(boxes.size());
    for (OverlayBox box : boxes) {
      if (!policy.redacts(box, focusTracks)) {
        toDraw.add(box);
        continue;
      }
      double bx1 = box.x1() * sx;
      double by1 = box.y1() * sy;
      double bx2 = box.x2() * sx;
      double by2 = box.y2() * sy;
      double mx = Math.max(2, (bx2 - bx1) * policy.margin());
      double my = Math.max(2, (by2 - by1) * policy.margin());
      RegionMask mask = RegionMask.rectangle(bx1 - mx, by1 - my, bx2 + mx, by2 + my, width, height);
      if (mask != null) {
        int block = redact(picture, mask);
        regions.add(
            new RedactedRegion(
                box.trackId() == null ? OptionalLong.empty() : box.trackId(),
                box.label(),
                Optional.empty(),
                policy.method(),
                mask.x0,
                mask.y0,
                mask.x1,
                mask.y1,
                block,
                box.interpolated()));
      }
      if (policy.labelMode() == RedactedLabels.TAG) {
        toDraw.add(neutral(box));
      }
    }
    return new Redaction(regions, toDraw);
  }

  /**
   * Pixelation block edge for a region: {@code blockFraction} of its shorter side, even, at least
   * {@link RedactionPolicy#MIN_BLOCK_PIXELS}; 0 for a fill.
   */
  int blockPixels(int regionWidth, int regionHeight) {
    if (policy.method() == RedactionMethod.FILL) {
      return 0;
    }
    int edge = (int) Math.round(Math.min(regionWidth, regionHeight) * policy.blockFraction());
    edge += edge & 1;
    return Math.max(RedactionPolicy.MIN_BLOCK_PIXELS, edge);
  }

  private int redact(YuvImage picture, RegionMask mask) {
    int block = blockPixels(mask.width(), mask.height());
    switch (policy.method()) {
      case FILL -> planes.fill(picture, mask);
      case PIXELATE -> planes.pixelate(picture, mask, block, false);
      case BLUR -> planes.pixelate(picture, mask, block, true);
    }
    return block;
  }

  private static OverlayBox neutral(OverlayBox box) {
    return new OverlayBox(
        box.x1(),
        box.y1(),
        box.x2(),
        box.y2(),
        NEUTRAL_TAG,
        OptionalLong.empty(),
        Float.NaN,
        OptionalInt.of(NEUTRAL_COLOR),
        false,
        box.interpolated());
  }
}
