package io.clipstream.cli;

import io.clipstream.render.overlay.OverlayZone;
import io.clipstream.render.overlay.redact.PrivacyZone;
import io.clipstream.render.overlay.redact.RedactedLabels;
import io.clipstream.render.overlay.redact.RedactionMethod;
import io.clipstream.render.overlay.redact.RedactionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The privacy-redaction options of {@code clipstream render} (see {@code docs/redaction.md}); for a
 * batch they are the defaults a clip's {@code settings.redact} refines.
 */
final class RedactionOptions {

  @Option(
      names = "--redact",
      paramLabel = "LABEL[,LABEL...]",
      split = ",",
      description =
          "Mask every box with one of these labels (e.g. person,face,license_plate) that is not a"
              + " focus track.")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--redact-others",
      description = "Mask every box whose track is not one of the focus tracks.")
  boolean others;

  @Option(
      names = "--redact-track",
      paramLabel = "ID[,ID...]",
      split = ",",
      description = "Mask these tracks, even focus tracks.")
  List<Long> tracks = new ArrayList<>();

  @Option(
      names = "--privacy-zone",
      paramLabel = "NAME=X,Y;X,Y;X,Y...",
      description = "A polygon (source pixels) masked on every frame; repeatable.")
  List<String> zones = new ArrayList<>();

  @Option(
      names = "--redact-method",
      defaultValue = "pixelate",
      description = "pixelate, blur or fill (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(
      names = "--redact-margin",
      paramLabel = "FRACTION",
      defaultValue = "0.1",
      description =
          "Grow each masked box by this fraction of its size per side (default: "
              + "${DEFAULT-VALUE}).")
  double margin;

  @Option(
      names = "--redact-block",
      paramLabel = "FRACTION",
      defaultValue = "0.25",
      description =
          "Pixelation/blur block edge as a fraction of the region's shorter side, 0.1-1 "
              + "(default: ${DEFAULT-VALUE}: four blocks across).")
  double block;

  @Option(
      names = "--redacted-labels",
      defaultValue = "tag",
      description =
          "Boxes of masked tracks: tag (grey outline, 'redacted' tab) or hide (default: "
              + "${DEFAULT-VALUE}).")
  String labelMode;

  @Option(
      names = "--keep-original",
      description =
          "Also write the unredacted clip as NAME.original.mp4 (+ .json, .jpg) from the same decode.")
  boolean keepOriginal;

  /** The policy these options describe; IllegalArgumentException names the bad value. */
  RedactionPolicy toPolicy() {
    List<PrivacyZone> polygons = new ArrayList<>();
    for (String spec : zones) {
      polygons.add(zone(spec));
    }
    return new RedactionPolicy(
        Set.copyOf(labels),
        others,
        new LinkedHashSet<>(tracks),
        polygons,
        RedactionMethod.parse(method),
        margin,
        block,
        RedactedLabels.parse(labelMode),
        keepOriginal);
  }

  /** {@code NAME=X,Y;X,Y;X,Y}: the same syntax as {@code --zone}, at least three points. */
  static PrivacyZone zone(String spec) {
    OverlayZone parsed = ZoneSpec.parse(spec, true, "--privacy-zone");
    try {
      return new PrivacyZone(parsed.name(), parsed.points());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--privacy-zone '" + spec + "': " + e.getMessage());
    }
  }
}
