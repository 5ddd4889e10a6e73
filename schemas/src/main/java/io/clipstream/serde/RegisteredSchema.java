package io.clipstream.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject as the registry stores it.
 *
 * @param subject the subject name
 * @param id the schema id, global to the registry, that the Confluent wire format carries
 * @param version the version number within the subject, starting at 1
 * @param schema the Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
