package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.contracts.Point;
import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.Zone;
import io.clipstream.planner.PlannerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The planner's default redaction policy ({@code planner.redaction.*}, docs/redaction.md): the
 * lowest layer of every command's {@code options.redaction}, under the camera's privacy zones, the
 * trigger's and the event's own options. Keys left unset add nothing to the command, so the
 * renderer's defaults (pixelate, margin 0.1, four blocks across) apply.
 */
final class RedactionKeys {

  static final String LABELS = "planner.redaction.labels";
  static final String ALL_BUT_FOCUS = "planner.redaction.all.but.focus";
  static final String ZONES = "planner.redaction.zones";
  static final String METHOD = "planner.redaction.method";
  static final String BLOCK_FRACTION = "planner.redaction.block.fraction";
  static final String MARGIN = "planner.redaction.margin";
  static final String LABEL_MODE = "planner.redaction.label.mode";
  static final String KEEP_ORIGINAL = "planner.redaction.keep.original";

  private static final String ZONE_FORM = "CAMERA:NAME=X,Y;X,Y;X,Y[|CAMERA:NAME=...]";

  private RedactionKeys() {}

  static ConfigDef define(ConfigDef def) {
    return def.define(
            LABELS,
            Type.LIST,
            List.of(),
            Checks.of(
                "labels such as person,face,license_plate",
                v -> ((List<?>) v).stream().anyMatch(l -> l.toString().isBlank()) ? "blank" : null),
            MEDIUM,
            "Detection labels masked in every clip (except the event's focus tracks), e.g."
                + " person,face,license_plate. Empty: none, unless the event asks.")
        .define(
            ALL_BUT_FOCUS,
            Type.BOOLEAN,
            false,
            MEDIUM,
            "Mask every box whose track is not one of the event's focus tracks.")
        .define(
            ZONES,
            Type.STRING,
            "",
            Checks.of(
                ZONE_FORM + " (source pixels, at least three points)", RedactionKeys::problem),
            MEDIUM,
            "Privacy zones masked on every frame of a camera's clips (a neighbour's window, a"
                + " garden), as "
                + ZONE_FORM
                + " in source pixels. An event's own privacy zones add to these; it cannot remove"
                + " them.")
        .define(
            METHOD,
            Type.STRING,
            null,
            Checks.oneOf("fill", "pixelate", "blur"),
            MEDIUM,
            "How masked regions are made unrecognisable: fill, pixelate or blur. Unset: pixelate,"
                + " unless the event says otherwise.")
        .define(
            BLOCK_FRACTION,
            Type.DOUBLE,
            null,
            fraction(0.1, 1),
            LOW,
            "Pixelation block edge as a fraction of the masked region's shorter side. Unset: 0.25"
                + " (four blocks across).")
        .define(
            MARGIN,
            Type.DOUBLE,
            null,
            fraction(0, 1),
            LOW,
            "Added on each side of a masked box, as a fraction of its width and height. Unset:"
                + " 0.1.")
        .define(
            LABEL_MODE,
            Type.STRING,
            null,
            Checks.oneOf("tag", "hide"),
            LOW,
            "What is drawn for a masked box: tag (its outline and a neutral 'redacted' tab) or"
                + " hide (nothing). Unset: tag.")
        .define(
            KEEP_ORIGINAL,
            Type.BOOLEAN,
            false,
            MEDIUM,
            "Also store the unredacted original of every redacted clip, rendered from the same"
                + " decode, under the original/ key prefix (give that prefix its own bucket policy)"
                + " and announce it in clips.ready's original_* fields.");
  }

  /** Sets the service-wide redaction and each camera's privacy zones on {@code b}. */
  static void apply(AbstractConfig values, PlannerSettings.Builder b) {
    Redaction.Builder r = Redaction.newBuilder();
    boolean set = false;
    List<String> labels = values.getList(LABELS);
    if (!labels.isEmpty()) {
      r.setLabels(labels.stream().map(String::strip).toList());
      set = true;
    }
    if (values.getBoolean(ALL_BUT_FOCUS)) {
      r.setAllButFocus(true);
      set = true;
    }
    if (values.getBoolean(KEEP_ORIGINAL)) {
      r.setKeepOriginal(true);
      set = true;
    }
    String method = values.getString(METHOD);
    if (method != null) {
      r.setMethod(method.toLowerCase(Locale.ROOT));
      set = true;
    }
    String labelMode = values.getString(LABEL_MODE);
    if (labelMode != null) {
      r.setLabelMode(labelMode.toLowerCase(Locale.ROOT));
      set = true;
    }
    Double blocks = values.getDouble(BLOCK_FRACTION);
    if (blocks != null) {
      r.setBlockFraction(blocks);
      set = true;
    }
    Double margin = values.getDouble(MARGIN);
    if (margin != null) {
      r.setMargin(margin);
      set = true;
    }
    if (set) {
      b.defaultOptions(RenderOptions.newBuilder().setRedaction(r.build()).build());
    }
    zones(values.getString(ZONES))
        .forEach(
            (camera, zones) ->
                b.cameraOverride(
                    camera,
                    RenderOptions.newBuilder()
                        .setRedaction(Redaction.newBuilder().setPrivacyZones(zones).build())
                        .build()));
  }

  /** The zones of {@code spec} by camera id, in the order written. */
  static Map<String, List<Zone>> zones(String spec) {
    Map<String, List<Zone>> byCamera = new LinkedHashMap<>();
    for (String entry : spec.split("\\|")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      int colon = eq < 0 ? -1 : entry.lastIndexOf(':', eq);
      if (colon <= 0 || eq <= colon + 1) {
        throw new IllegalArgumentException(
            "'" + entry.strip() + "' must look like CAMERA:NAME=X,Y;X,Y;X,Y");
      }
      String camera = entry.substring(0, colon).strip();
      String name = entry.substring(colon + 1, eq).strip();
      List<Point> points = new ArrayList<>();
      for (String point : entry.substring(eq + 1).split(";")) {
        String[] xy = point.split(",");
        try {
          float x = Float.parseFloat(xy[0].strip());
          float y = Float.parseFloat(xy[1].strip());
          if (xy.length != 2 || !Float.isFinite(x) || !Float.isFinite(y)) {
            throw new NumberFormatException();
          }
          points.add(new Point(x, y));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "zone " + name + " of " + camera + ": '" + point.strip() + "' is not X,Y in pixels");
        }
      }
      if (points.size() < 3) {
        throw new IllegalArgumentException(
            "zone " + name + " of " + camera + " needs at least three points (a polygon)");
      }
      List<Zone> zones = byCamera.computeIfAbsent(camera, c -> new ArrayList<>());
      if (zones.stream().anyMatch(z -> z.getName().equals(name))) {
        throw new IllegalArgumentException(
            "camera " + camera + " has two zones named " + name + "; give each its own name");
      }
      zones.add(Zone.newBuilder().setName(name).setPoints(points).setClosed(true).build());
    }
    return byCamera;
  }

  private static String problem(Object value) {
    try {
      zones(value.toString());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Checks fraction(double min, double max) {
    return Checks.of(
        "a number between " + min + " and " + max,
        v -> {
          double d = ((Number) v).doubleValue();
          return d >= min && d <= max ? null : "out of range";
        });
  }
}
