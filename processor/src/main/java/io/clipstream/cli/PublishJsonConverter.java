package io.clipstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.config.Suggestions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Turns one JSON value into the Avro type its schema describes, walking the schema so that every
 * error names the field path and the expected form. Times are ISO-8601 strings or epoch
 * milliseconds; a record of numbers only (a box, a point) may be written as an array in field
 * order; unknown fields are refused with the closest known name.
 */
final class PublishJsonConverter {

  /** Names accepted for a field besides its own: {@code bbox}, as in render's detections files. */
  private static final Map<String, String> ALIASES = Map.of("bbox", "box");

  private final SpecificData model;

  PublishJsonConverter(SpecificData model) {
    this.model = model;
  }

  Object convert(JsonNode node, Schema schema, String path) throws PublishInputException {
    if (schema.getType() == Schema.Type.UNION) {
      if (node == null || node.isNull()) {
        return null;
      }
      return convert(node, nonNullBranch(schema), path);
    }
    if (node == null || node.isNull()) {
      throw error(path, "must not be null", expected(schema), null);
    }
    switch (schema.getType()) {
      case RECORD:
        return record(node, schema, path);
      case ARRAY:
        return array(node, schema, path);
      case MAP:
        return map(node, schema, path);
      case ENUM:
        if (node.isTextual() && schema.getEnumSymbols().contains(node.asText())) {
          return model.createEnum(node.asText(), schema);
        }
        throw error(path, "unknown value", "one of " + schema.getEnumSymbols(), node);
      case STRING:
        if (node.isTextual()) {
          return node.asText();
        }
        break;
      case BOOLEAN:
        if (node.isBoolean()) {
          return node.asBoolean();
        }
        break;
      case INT:
        if (node.isIntegralNumber() && node.canConvertToInt()) {
          return node.asInt();
        }
        break;
      case LONG:
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          return instant(node, path);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.asLong();
        }
        break;
      case FLOAT:
        if (node.isNumber()) {
          return node.floatValue();
        }
        break;
      case DOUBLE:
        if (node.isNumber()) {
          return node.doubleValue();
        }
        break;
      default:
        throw error(path, "has an unsupported type " + schema.getType(), "", node);
    }
    throw error(path, "wrong type", expected(schema), node);
  }

  private Object record(JsonNode node, Schema schema, String path) throws PublishInputException {
    List<Schema.Field> fields = schema.getFields();
    if (node.isArray() && numbersOnly(schema)) {
      if (node.size() != fields.size()) {
        throw error(path, "wrong number of values", expected(schema), node);
      }
      Object record = model.newRecord(null, schema);
      for (Schema.Field f : fields) {
        Object value = convert(node.get(f.pos()), f.schema(), join(path, f.name()));
        model.setField(record, f.name(), f.pos(), value);
      }
      return record;
    }
    if (!node.isObject()) {
      throw error(path, "wrong type", expected(schema), node);
    }
    Map<String, JsonNode> given = new LinkedHashMap<>();
    for (var it = node.fields(); it.hasNext(); ) {
      var entry = it.next();
      String name = fieldName(schema, entry.getKey(), path);
      if (given.put(name, entry.getValue()) != null) {
        throw error(join(path, name), "given twice (once as " + entry.getKey() + ")", "", null);
      }
    }
    Object record = model.newRecord(null, schema);
    for (Schema.Field f : fields) {
      Object value;
      if (given.containsKey(f.name())) {
        value = convert(given.get(f.name()), f.schema(), join(path, f.name()));
      } else if (f.hasDefaultValue()) {
        value = model.deepCopy(f.schema(), model.getDefaultValue(f));
      } else {
        throw error(join(path, f.name()), "is missing", expected(f.schema()), null);
      }
      model.setField(record, f.name(), f.pos(), value);
    }
    return record;
  }

  private static String fieldName(Schema schema, String name, String path)
      throws PublishInputException {
    if (schema.getField(name) != null) {
      return name;
    }
    String alias = ALIASES.get(name);
    if (alias != null && schema.getField(alias) != null) {
      return alias;
    }
    List<String> known = schema.getFields().stream().map(Schema.Field::name).toList();
    String hint =
        Suggestions.closest(name, known).map(s -> "did you mean \"" + s + "\"? ").orElse("");
    throw new PublishInputException(
        join(path, name) + ": unknown field; " + hint + "fields of " + path(path) + ": " + known);
  }

  private Object array(JsonNode node, Schema schema, String path) throws PublishInputException {
    if (!node.isArray()) {
      throw error(path, "wrong type", expected(schema), node);
    }
    List<Object> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(convert(node.get(i), schema.getElementType(), path + "[" + i + "]"));
    }
    return out;
  }

  private Object map(JsonNode node, Schema schema, String path) throws PublishInputException {
    if (!node.isObject()) {
      throw error(path, "wrong type", expected(schema), node);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (var it = node.fields(); it.hasNext(); ) {
      var entry = it.next();
      out.put(
          entry.getKey(),
          convert(entry.getValue(), schema.getValueType(), join(path, entry.getKey())));
    }
    return out;
  }

  private static Instant instant(JsonNode node, String path) throws PublishInputException {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    if (node.isTextual()) {
      try {
        return Instant.parse(node.asText());
      } catch (DateTimeParseException e) {
        // falls through to the error below
      }
    }
    throw error(path, "not a time", expected(Schema.create(Schema.Type.LONG), true), node);
  }

  private static boolean numbersOnly(Schema schema) {
    return schema.getFields().stream()
        .allMatch(
            f ->
                f.schema().getType() == Schema.Type.FLOAT
                    || f.schema().getType() == Schema.Type.DOUBLE
                    || f.schema().getType() == Schema.Type.INT);
  }

  private static Schema nonNullBranch(Schema union) {
    return union.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }

  private static String expected(Schema schema) {
    return expected(schema, schema.getLogicalType() instanceof LogicalTypes.TimestampMillis);
  }

  private static String expected(Schema schema, boolean time) {
    if (time) {
      return "an ISO-8601 time such as \"2024-05-24T05:53:06.200Z\" or epoch milliseconds such as 1716529986200";
    }
    switch (schema.getType()) {
      case UNION:
        return expected(nonNullBranch(schema)) + " or null";
      case RECORD:
        List<String> names = schema.getFields().stream().map(Schema.Field::name).toList();
        return numbersOnly(schema)
            ? "an object " + names + " of numbers, or an array of " + names.size() + " numbers"
            : "an object with fields " + names;
      case ARRAY:
        return "an array of " + expected(schema.getElementType());
      case MAP:
        return "an object whose values are " + expected(schema.getValueType());
      case STRING:
        return "a string";
      case BOOLEAN:
        return "true or false";
      case INT:
      case LONG:
        return "an integer";
      case FLOAT:
      case DOUBLE:
        return "a number";
      default:
        return schema.getType().getName();
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String path(String path) {
    return path.isEmpty() ? "the record" : path;
  }

  private static PublishInputException error(
      String path, String problem, String expected, JsonNode got) {
    StringBuilder message = new StringBuilder(path(path)).append(": ").append(problem);
    if (got != null) {
      String text = got.toString();
      message
          .append(" (got ")
          .append(text.length() > 60 ? text.substring(0, 57) + "..." : text)
          .append(')');
    }
    if (!expected.isEmpty()) {
      message.append("; expected ").append(expected);
    }
    return new PublishInputException(message.toString());
  }
}
