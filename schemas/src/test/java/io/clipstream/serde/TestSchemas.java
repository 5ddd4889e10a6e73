package io.clipstream.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.contracts.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Hand-made schemas for evolution and incompatibility tests. */
final class TestSchemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestSchemas() {}

  /**
   * Event as an older producer knew it: without the defaulted {@code updated_at} and {@code
   * render_options}.
   */
  static Schema eventWithoutOptionalFields() {
    return edit(
        Event.getClassSchema(),
        fields -> {
          for (int i = fields.size() - 1; i >= 0; i--) {
            if (Set.of("updated_at", "render_options")
                .contains(fields.get(i).path("name").asText())) {
              fields.remove(i);
            }
          }
        });
  }

  /** Event as a newer producer might write it: one more field, with a default. */
  static Schema eventWithExtraField() {
    return edit(
        Event.getClassSchema(),
        fields ->
            fields.add(
                JSON.createObjectNode()
                    .put("name", "severity")
                    .put("type", "string")
                    .put("default", "low")));
  }

  /** A record unrelated to our contracts. */
  static Schema foreignRecord() {
    return SchemaBuilder.record("Foo")
        .namespace("io.other")
        .fields()
        .requiredString("id")
        .requiredInt("n")
        .endRecord();
  }

  /**
   * {@code Foo} with a new required field: not BACKWARD compatible with {@link #foreignRecord()}.
   */
  static Schema foreignRecordWithRequiredField() {
    return SchemaBuilder.record("Foo")
        .namespace("io.other")
        .fields()
        .requiredString("id")
        .requiredInt("n")
        .requiredString("added")
        .endRecord();
  }

  /** {@code Foo} with a new defaulted field: BACKWARD compatible with {@link #foreignRecord()}. */
  static Schema foreignRecordWithDefaultedField() {
    return SchemaBuilder.record("Foo")
        .namespace("io.other")
        .fields()
        .requiredString("id")
        .requiredInt("n")
        .name("added")
        .type()
        .stringType()
        .stringDefault("none")
        .endRecord();
  }

  private static Schema edit(Schema schema, java.util.function.Consumer<ArrayNode> fieldsEditor) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
      fieldsEditor.accept((ArrayNode) root.get("fields"));
      return new Schema.Parser().parse(JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
