package io.clipstream.ingest.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.io.IOException;
import java.util.Locale;

/**
 * Maps one JSON detection message to a {@link DetectionFrame}, in the configured format or, with
 * {@link Format#AUTO}, the format the message's fields reveal.
 */
public final class DetectionPayloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The JSON shapes the ingest role reads from detection topics. */
  public enum Format {
    AUTO,
    DEEPSTREAM_FULL,
    DEEPSTREAM_MINIMAL,
    GENERIC;

    /** The name used in configuration: lower case with dashes. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Format parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private final Format format;

  public DetectionPayloads(Format format) {
    this.format = format;
  }

  /**
   * @throws UnmappableMessageException for anything that is not JSON, not an object, or not a
   *     detection in the format; the message says what to fix
   */
  public DetectionFrame map(byte[] value, MessageContext context) {
    JsonNode node = object(value);
    Format shape = format != Format.AUTO ? format : detect(node);
    return switch (shape) {
      case DEEPSTREAM_FULL -> DeepStreamFull.map(node, context);
      case DEEPSTREAM_MINIMAL -> DeepStreamMinimal.map(node, context);
      default -> GenericDetections.map(node, context);
    };
  }

  static Format detect(JsonNode node) {
    if (DeepStreamFull.looksLike(node)) {
      return Format.DEEPSTREAM_FULL;
    }
    return DeepStreamMinimal.looksLike(node) ? Format.DEEPSTREAM_MINIMAL : Format.GENERIC;
  }

  /** The message parsed as one JSON object, or an error saying why it is not one. */
  public static JsonNode object(byte[] value) {
    if (value == null || value.length == 0) {
      throw new UnmappableMessageException("empty message: expected one JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new UnmappableMessageException(
          "not valid JSON (" + e.getOriginalMessage() + "); expected one JSON object per message");
    } catch (IOException e) {
      throw new UnmappableMessageException("unreadable message: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new UnmappableMessageException(
          "expected one JSON object per message, got " + Json.shown(node));
    }
    return node;
  }
}
