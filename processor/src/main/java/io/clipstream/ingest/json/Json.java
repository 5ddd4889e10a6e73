package io.clipstream.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Field readers shared by the payload mappers; every failure names the field and the format. */
final class Json {

  private Json() {}

  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank()
        ? Optional.of(v.asText())
        : Optional.empty();
  }

  static double number(JsonNode node, String field, String format) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new UnmappableMessageException(
          format + ": '" + field + "' must be a number (got " + shown(v) + ")");
    }
    return v.asDouble();
  }

  /** An ISO-8601 time (with zone or offset), or epoch milliseconds. */
  static Optional<Instant> time(JsonNode node, String field, String format) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isIntegralNumber()) {
      return Optional.of(Instant.ofEpochMilli(v.asLong()));
    }
    if (v.isTextual()) {
      try {
        return Optional.of(OffsetDateTime.parse(v.asText()).toInstant());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new UnmappableMessageException(
        format
            + ": '"
            + field
            + "' is not a time (got "
            + shown(v)
            + "); expected ISO-8601 such as \"2024-05-24T05:53:06.200Z\" or epoch milliseconds");
  }

  static String shown(JsonNode v) {
    if (v == null) {
      return "nothing";
    }
    String text = v.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
