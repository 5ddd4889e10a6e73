package io.clipstream.render.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.clipstream.render.overlay.redact.PrivacyZone;
import io.clipstream.render.overlay.redact.RedactedRegion;
import io.clipstream.render.overlay.redact.RedactionPolicy;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The side-car's redaction entries (see {@code docs/sidecar.md}): the policy under {@code
 * settings.redaction} and, per frame, what was masked under {@code redactions}. Written only for
 * clips that redact, so other side-cars keep their shape.
 */
final class RedactionSidecar {

  private RedactionSidecar() {}

  static void writePolicy(JsonGenerator json, RedactionPolicy p) throws IOException {
    json.writeObjectFieldStart("redaction");
    json.writeArrayFieldStart("labels");
    for (String label : new TreeSet<>(p.labels())) {
      json.writeString(label);
    }
    json.writeEndArray();
    json.writeBooleanField("allButFocus", p.allButFocus());
    json.writeArrayFieldStart("tracks");
    for (long track : new TreeSet<>(p.tracks())) {
      json.writeNumber(track);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("zones");
    for (PrivacyZone zone : p.zones()) {
      json.writeStartObject();
      json.writeStringField("name", zone.name());
      json.writeArrayFieldStart("points");
      for (float[] point : zone.points()) {
        json.writeArray(new double[] {point[0], point[1]}, 0, 2);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("method", p.method().lowerName());
    json.writeNumberField("margin", p.margin());
    json.writeNumberField("blockFraction", p.blockFraction());
    json.writeStringField("redactedLabels", p.labelMode().name().toLowerCase(Locale.ROOT));
    json.writeEndObject();
  }

  static void writeRegions(JsonGenerator json, List<RedactedRegion> regions) throws IOException {
    json.writeArrayFieldStart("redactions");
    for (RedactedRegion r : regions) {
      json.writeStartObject();
      if (r.zone().isPresent()) {
        json.writeStringField("zone", r.zone().get());
      } else {
        if (r.trackId().isPresent()) {
          json.writeNumberField("trackId", r.trackId().getAsLong());
        } else {
          json.writeNullField("trackId");
        }
        json.writeStringField("label", r.label());
        json.writeBooleanField("interpolated", r.interpolated());
      }
      json.writeStringField("method", r.method().lowerName());
      json.writeNumberField("x1", r.x1());
      json.writeNumberField("y1", r.y1());
      json.writeNumberField("x2", r.x2());
      json.writeNumberField("y2", r.y2());
      if (r.blockPixels() > 0) {
        json.writeNumberField("blockPixels", r.blockPixels());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
