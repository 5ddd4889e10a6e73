package io.clipstream.schemacheck;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Which readers must keep working when a schema changes; the names follow Schema Registry's. */
public enum CompatibilityMode {
  /** Consumers on the new schema read data written with the old one (upgrade consumers first). */
  BACKWARD,
  /** Consumers on the old schema read data written with the new one (upgrade producers first). */
  FORWARD,
  /** Both directions. */
  FULL;

  /** Problems that stop {@code current} from replacing {@code previous}; empty when compatible. */
  public List<String> problems(Schema previous, Schema current) {
    List<String> problems = new ArrayList<>();
    if (this != FORWARD) {
      describe(
          SchemaCompatibility.checkReaderWriterCompatibility(current, previous),
          "new reader, old data",
          problems);
    }
    if (this != BACKWARD) {
      describe(
          SchemaCompatibility.checkReaderWriterCompatibility(previous, current),
          "old reader, new data",
          problems);
    }
    return problems;
  }

  private static void describe(
      SchemaPairCompatibility result, String direction, List<String> into) {
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    result
        .getResult()
        .getIncompatibilities()
        .forEach(
            i ->
                into.add(
                    direction
                        + ": "
                        + i.getType()
                        + " at "
                        + i.getLocation()
                        + " ("
                        + i.getMessage()
                        + ")"));
  }
}
