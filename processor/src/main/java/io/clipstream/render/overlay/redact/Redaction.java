package io.clipstream.render.overlay.redact;

import io.clipstream.render.overlay.OverlayBox;
import java.util.List;

/**
 * What {@link Redactor#apply} did to one frame.
 *
 * @param regions the regions redacted, in the order applied
 * @param boxesToDraw the boxes to paint afterwards: redacted tracks relabelled or removed
 */
public record Redaction(List<RedactedRegion> regions, List<OverlayBox> boxesToDraw) {

  public Redaction {
    regions = List.copyOf(regions);
    boxesToDraw = List.copyOf(boxesToDraw);
  }
}
