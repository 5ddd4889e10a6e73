package io.clipstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.render.input.BadInputException;
import io.clipstream.render.overlay.redact.PrivacyZone;
import io.clipstream.render.overlay.redact.RedactedLabels;
import io.clipstream.render.overlay.redact.RedactionMethod;
import io.clipstream.render.overlay.redact.RedactionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch spec's {@code settings.redact} object over the command-line redaction options: {@code
 * labels}, {@code others}, {@code tracks}, {@code zones} ({@code [{name, points: [[x, y], ...]}]}),
 * {@code method}, {@code margin}, {@code block}, {@code redacted_labels}, {@code keep_original}.
 */
final class RedactionSpec {

  private static final Set<String> FIELDS =
      Set.of(
          "labels",
          "others",
          "tracks",
          "zones",
          "method",
          "margin",
          "block",
          "redacted_labels",
          "keep_original");

  private RedactionSpec() {}

  static RedactionPolicy apply(JsonNode node, RedactionPolicy base, String where) {
    if (node == null || node.isNull()) {
      return base;
    }
    RenderFilesBatch.known(node, FIELDS, where);
    RedactionPolicy p = base;
    if (node.has("labels")) {
      Set<String> labels = new LinkedHashSet<>();
      list(node, "labels", where).forEach(l -> labels.add(l.asText()));
      p = p.withLabels(labels);
    }
    if (node.has("others")) {
      p = p.withAllButFocus(node.get("others").asBoolean());
    }
    if (node.has("tracks")) {
      Set<Long> tracks = new LinkedHashSet<>();
      for (JsonNode t : list(node, "tracks", where)) {
        if (!t.canConvertToLong()) {
          throw new BadInputException(where + ".tracks: '" + t + "' is not a track id");
        }
        tracks.add(t.asLong());
      }
      p = p.withTracks(tracks);
    }
    if (node.has("zones")) {
      List<PrivacyZone> zones = new ArrayList<>();
      JsonNode all = list(node, "zones", where);
      for (int i = 0; i < all.size(); i++) {
        zones.add(zone(all.get(i), where + ".zones[" + i + "]"));
      }
      p = p.withZones(zones);
    }
    if (node.has("method")) {
      p = p.withMethod(RedactionMethod.parse(node.get("method").asText()));
    }
    if (node.has("margin")) {
      p = p.withMargin(node.get("margin").asDouble());
    }
    if (node.has("block")) {
      p = p.withBlockFraction(node.get("block").asDouble());
    }
    if (node.has("redacted_labels")) {
      p = p.withLabelMode(RedactedLabels.parse(node.get("redacted_labels").asText()));
    }
    if (node.has("keep_original")) {
      p = p.withKeepOriginal(node.get("keep_original").asBoolean());
    }
    return p;
  }

  private static JsonNode list(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      throw new BadInputException(where + "." + field + " must be a list");
    }
    return value;
  }

  private static PrivacyZone zone(JsonNode node, String where) {
    RenderFilesBatch.known(node, Set.of("name", "points"), where);
    List<float[]> points = new ArrayList<>();
    JsonNode pts = node.path("points");
    for (JsonNode pt : pts) {
      if (!pt.isArray() || pt.size() != 2 || !pt.get(0).isNumber() || !pt.get(1).isNumber()) {
        throw new BadInputException(where + ".points: each point must be [x, y] in source pixels");
      }
      points.add(new float[] {(float) pt.get(0).asDouble(), (float) pt.get(1).asDouble()});
    }
    try {
      return new PrivacyZone(node.path("name").asText(null), points);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(where + ": " + e.getMessage());
    }
  }
}
