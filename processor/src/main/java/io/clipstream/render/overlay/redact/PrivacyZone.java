package io.clipstream.render.overlay.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed polygon redacted on every frame (a neighbour's window, a garden), in source pixels as {x,
 * y} pairs.
 */
public record PrivacyZone(String name, List<float[]> points) {

  public PrivacyZone {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "A privacy zone needs a name (it is listed in the side-car)");
    }
    if (points == null || points.size() < 3) {
      throw new IllegalArgumentException(
          "Privacy zone '"
              + name
              + "' needs at least three points (a polygon), got "
              + (points == null ? 0 : points.size()));
    }
    List<float[]> copy = new ArrayList<>(points.size());
    for (float[] p : points) {
      if (p.length != 2 || !Float.isFinite(p[0]) || !Float.isFinite(p[1])) {
        throw new IllegalArgumentException(
            "Privacy zone '" + name + "' has a point that is not a finite x,y pair");
      }
      copy.add(p.clone());
    }
    points = List.copyOf(copy);
  }
}
