package io.clipstream.backend;

import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.Point;
import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.Zone;
import io.clipstream.render.overlay.redact.PrivacyZone;
import io.clipstream.render.overlay.redact.RedactedLabels;
import io.clipstream.render.overlay.redact.RedactionMethod;
import io.clipstream.render.overlay.redact.RedactionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns a command's {@code options.redaction} into the engine's {@link RedactionPolicy}, over the
 * engine's defaults for the fields it leaves out. Every refusal names the field, so the sender can
 * find it in the command.
 */
final class RedactionTranslator {

  private static final String FIELD = "options.redaction";

  private RedactionTranslator() {}

  static RedactionPolicy policy(Redaction r) {
    List<PrivacyZone> zones = new ArrayList<>();
    for (int i = 0; i < r.getPrivacyZones().size(); i++) {
      zones.add(zone(r.getPrivacyZones().get(i), FIELD + ".privacy_zones[" + i + "]"));
    }
    RedactionPolicy p =
        checked(
            RedactionPolicy.NONE, q -> q.withLabels(new LinkedHashSet<>(r.getLabels())), ".labels");
    p =
        p.withAllButFocus(r.getOptionalAllButFocus().orElse(false))
            .withTracks(new LinkedHashSet<>(r.getTracks()))
            .withZones(zones)
            .withKeepOriginal(r.getOptionalKeepOriginal().orElse(false));
    if (r.getOptionalMethod().isPresent()) {
      p = checked(p, q -> q.withMethod(RedactionMethod.parse(r.getMethod())), ".method");
    }
    if (r.getOptionalLabelMode().isPresent()) {
      p = checked(p, q -> q.withLabelMode(RedactedLabels.parse(r.getLabelMode())), ".label_mode");
    }
    if (r.getOptionalMargin().isPresent()) {
      p = checked(p, q -> q.withMargin(r.getMargin()), ".margin");
    }
    if (r.getOptionalBlockFraction().isPresent()) {
      p = checked(p, q -> q.withBlockFraction(r.getBlockFraction()), ".block_fraction");
    }
    return p;
  }

  private static PrivacyZone zone(Zone z, String where) {
    if (!z.getClosed()) {
      throw invalid(
          where
              + " '"
              + z.getName()
              + "' is an open line (closed=false): a privacy zone must be a closed polygon of at"
              + " least three points");
    }
    List<float[]> points = new ArrayList<>(z.getPoints().size());
    for (Point pt : z.getPoints()) {
      points.add(new float[] {pt.getX(), pt.getY()});
    }
    try {
      return new PrivacyZone(z.getName(), points);
    } catch (IllegalArgumentException e) {
      throw invalid(where + ": " + e.getMessage());
    }
  }

  /** {@code change} applied to {@code p}; the engine's refusal is restated with the field. */
  private static RedactionPolicy checked(
      RedactionPolicy p, UnaryOperator<RedactionPolicy> change, String field) {
    try {
      return change.apply(p);
    } catch (IllegalArgumentException e) {
      throw invalid(FIELD + field + ": " + e.getMessage());
    }
  }

  private static CommandRejectedException invalid(String message) {
    return new CommandRejectedException(FailureReason.INVALID_COMMAND, message);
  }
}
