package io.clipstream.cli;

import io.clipstream.render.overlay.OverlayZone;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Parses {@code NAME=X,Y;X,Y;...} (source pixels) into a zone: a polygon for {@code --zone}, a
 * polyline for {@code --line}. An optional {@code @#RRGGBB} after the name sets its colour.
 */
final class ZoneSpec {

  private ZoneSpec() {}

  static OverlayZone parse(String spec, boolean closed) {
    return parse(spec, closed, closed ? "--zone" : "--line");
  }

  /** As {@link #parse(String, boolean)}, naming {@code option} in its error messages. */
  static OverlayZone parse(String spec, boolean closed, String option) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          option + " '" + spec + "' must look like NAME=X,Y;X,Y;... (source pixels)");
    }
    String name = spec.substring(0, eq);
    OptionalInt color = OptionalInt.empty();
    int at = name.indexOf("@#");
    if (at >= 0) {
      color = OptionalInt.of(hexColor(name.substring(at + 2), option, spec));
      name = name.substring(0, at);
    }
    List<float[]> points = new ArrayList<>();
    for (String point : spec.substring(eq + 1).split(";")) {
      String[] xy = point.trim().split(",");
      try {
        points.add(new float[] {Float.parseFloat(xy[0].trim()), Float.parseFloat(xy[1].trim())});
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            option + " '" + spec + "': point '" + point + "' is not X,Y in pixels");
      }
    }
    if (points.size() < 2) {
      throw new IllegalArgumentException(option + " '" + spec + "' needs at least two points");
    }
    return new OverlayZone(name, points, closed, color);
  }

  private static int hexColor(String hex, String option, String spec) {
    try {
      if (hex.length() != 6) {
        throw new NumberFormatException();
      }
      return Integer.parseInt(hex, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " '" + spec + "': colour must be #RRGGBB, got #" + hex);
    }
  }
}
