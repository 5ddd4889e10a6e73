package io.clipstream.serde;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The messages of deserialization failures: what happened, to which record, and what to do. */
final class ReadFailures {

  private ReadFailures() {}

  static String unknownId(
      String part, String topic, int id, String registry, SchemaRegistryException e) {
    return "the "
        + part
        + " at topic "
        + topic
        + " was written with schema id "
        + id
        + ", which the schema registry "
        + registry
        + " does not know: it was produced against a different registry, or the schema was deleted. "
        + "Point "
        + AvroSerdeConfig.SCHEMA_REGISTRY_URL
        + " at the producer's registry or route this topic elsewhere ("
        + e.getMessage()
        + ")";
  }

  static String noReader(String part, String topic, int id, Schema writer, String reason) {
    return "the "
        + part
        + " at topic "
        + topic
        + " was written with schema id "
        + id
        + " ("
        + writer.getFullName()
        + "), which cannot be read here: "
        + reason
        + ". Produce one of the expected types to this topic or route "
        + "this topic elsewhere";
  }

  /** Null when {@code reader} can read {@code writer}, otherwise the refusal message. */
  static String incompatible(
      String part,
      String topic,
      int id,
      Schema writer,
      Schema reader,
      SchemaPairCompatibility compatibility) {
    if (compatibility.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return null;
    }
    String problems =
        compatibility.getResult().getIncompatibilities().stream()
            .map(i -> i.getMessage() + " at " + i.getLocation())
            .collect(Collectors.joining("; "));
    return "the "
        + part
        + " at topic "
        + topic
        + " was written with schema id "
        + id
        + " ("
        + writer.getFullName()
        + "), which cannot be read as "
        + reader.getFullName()
        + ": "
        + problems
        + ". Produce with the "
        + reader.getName()
        + " schema (or a compatible evolution of it) or route this topic elsewhere";
  }

  /**
   * A hint when the headers show the producer put the schema id in headers instead of the payload,
   * as Apicurio's own serializers do by default.
   */
  static String headerHint(Headers headers) {
    if (headers == null) {
      return "";
    }
    String names =
        StreamSupport.stream(headers.spliterator(), false)
            .map(Header::key)
            .filter(k -> k.startsWith("apicurio."))
            .distinct()
            .collect(Collectors.joining(", "));
    if (names.isEmpty()) {
      return "";
    }
    return ". The record carries Apicurio serializer headers ("
        + names
        + "): its producer used Apicurio's "
        + "serializer with ids in headers; configure it for the Confluent wire format (ids in the payload, 4-byte "
        + "content ids) so that Confluent-compatible consumers can read it";
  }
}
