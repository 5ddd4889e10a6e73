package io.clipstream.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A JSONL file of one {@link PublishKind}, read and validated in full before anything is sent:
 * either every line is a valid record, or {@link #errors()} says which are not and why.
 */
record PublishFile(Path path, PublishKind kind, List<Line> records, List<String> errors) {

  /** One valid record with its key (the camera id) and its line number in the file. */
  record Line(int number, String key, SpecificRecord value) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static PublishFile read(Path path, PublishKind kind) throws IOException {
    SpecificData model = kind.model();
    PublishJsonConverter converter = new PublishJsonConverter(model);
    DatumWriter<Object> writer = model.createDatumWriter(kind.schema());
    BinaryEncoder encoder =
        EncoderFactory.get().binaryEncoder(OutputStream.nullOutputStream(), null);
    List<Line> records = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        try {
          SpecificRecord value = parse(text, kind, converter);
          writer.write(value, encoder); // the Avro writer is the last word on validity
          records.add(new Line(number, key(value), value));
        } catch (PublishInputException e) {
          errors.add(path + ":" + number + ": " + e.getMessage());
        } catch (RuntimeException e) {
          errors.add(path + ":" + number + ": not a valid " + kind.schema().getName() + ": " + e);
        }
      }
    }
    if (records.isEmpty() && errors.isEmpty()) {
      errors.add(path + ": no records (the file is empty)");
    }
    return new PublishFile(path, kind, List.copyOf(records), List.copyOf(errors));
  }

  private static SpecificRecord parse(String text, PublishKind kind, PublishJsonConverter converter)
      throws PublishInputException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PublishInputException(
          "not valid JSON (" + e.getOriginalMessage() + "); expected one JSON object per line");
    }
    if (!node.isObject()) {
      throw new PublishInputException(
          "expected a JSON object (one " + kind.schema().getName() + " per line)");
    }
    SpecificRecord value = (SpecificRecord) converter.convert(node, kind.schema(), "");
    if (key(value).isBlank()) {
      throw new PublishInputException("camera_id: must not be empty (it is the record key)");
    }
    return value;
  }

  private static String key(SpecificRecord value) {
    return value.get(value.getSchema().getField("camera_id").pos()).toString();
  }

  boolean valid() {
    return errors.isEmpty();
  }
}
