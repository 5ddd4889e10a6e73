package io.clipstream.render.overlay;

import java.util.List;
import java.util.Optional;

/**
 * Everything drawn on one output frame.
 *
 * @param sourceWidth width of the frame the detector saw; boxes and zones are in its pixels
 * @param sourceHeight height of the frame the detector saw
 * @param banner text of the timestamp banner (camera id and wall-clock time), empty for none
 * @param eventActive draw the "event active" marker
 */
public record FrameOverlay(
    int sourceWidth,
    int sourceHeight,
    List<OverlayBox> boxes,
    List<OverlayZone> zones,
    Optional<String> banner,
    boolean eventActive) {

  public FrameOverlay {
    boxes = List.copyOf(boxes);
    zones = List.copyOf(zones);
  }
}
