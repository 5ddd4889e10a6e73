package io.clipstream.render.overlay;

import java.util.List;
import java.util.OptionalInt;

/**
 * A polygon ({@code closed}) or polyline drawn on every frame; points in source pixels as {x, y}
 * pairs.
 */
public record OverlayZone(String name, List<float[]> points, boolean closed, OptionalInt color) {

  public OverlayZone {
    points = List.copyOf(points);
    if (points.size() < 2) {
      throw new IllegalArgumentException(
          "Zone '" + name + "' needs at least two points, got " + points.size());
    }
  }
}
