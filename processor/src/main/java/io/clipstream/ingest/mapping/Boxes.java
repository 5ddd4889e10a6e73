package io.clipstream.ingest.mapping;

import io.clipstream.contracts.BoundingBox;
import io.clipstream.contracts.Detection;
import java.util.Map;

/**
 * Builds one {@link Detection} in x1,y1,x2,y2 recording pixels from detector pixels, refusing boxes
 * no renderer could draw: not finite, empty or inverted, or wholly outside the picture.
 */
public final class Boxes {

  private Boxes() {}

  /**
   * @param frameWidth width of the detector's frame, or 0 when unknown
   * @param frameHeight height of the detector's frame, or 0 when unknown
   * @param scale factor from detector pixels to recording pixels
   */
  public static Detection detection(
      String format,
      double[] xyxy,
      int frameWidth,
      int frameHeight,
      double scale,
      String label,
      float score,
      Long trackId,
      Map<String, String> attributes) {
    double x1 = xyxy[0];
    double y1 = xyxy[1];
    double x2 = xyxy[2];
    double y2 = xyxy[3];
    String box = "[" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]";
    for (double v : xyxy) {
      if (!Double.isFinite(v)) {
        throw new UnmappableMessageException(format + ": box " + box + " has a non-finite value");
      }
    }
    if (x2 <= x1 || y2 <= y1) {
      throw new UnmappableMessageException(
          format + ": box " + box + " is empty or inverted; expected x1 < x2 and y1 < y2");
    }
    boolean outside =
        x2 <= 0
            || y2 <= 0
            || (frameWidth > 0 && x1 >= frameWidth)
            || (frameHeight > 0 && y1 >= frameHeight);
    if (outside) {
      String frame = frameWidth > 0 ? " " + frameWidth + "x" + frameHeight : "";
      throw new UnmappableMessageException(
          format
              + ": box "
              + box
              + " lies wholly outside the"
              + frame
              + " frame; check the detector's coordinates (pixels of the frame it saw)");
    }
    if (!(score >= 0 && score <= 1)) {
      throw new UnmappableMessageException(
          format + ": score " + score + " of '" + label + "' is not in [0, 1]");
    }
    return Detection.newBuilder()
        .setBox(
            new BoundingBox(
                (float) (x1 * scale),
                (float) (y1 * scale),
                (float) (x2 * scale),
                (float) (y2 * scale)))
        .setLabel(label)
        .setScore(score)
        .setTrackId(trackId)
        .setAttributes(Map.copyOf(attributes))
        .build();
  }
}
