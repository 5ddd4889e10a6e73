package io.clipstream.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.ingest.mapping.Boxes;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NVIDIA DeepStream's "minimal" nvmsgconv schema ({@code version} 4.x, gst-nvmsgconv {@code
 * payload-type=1}): one frame per message, {@code id} the frame number, {@code sensorId} the
 * camera, and {@code objects} as strings {@code "trackingId|left|top|right|bottom|label"},
 * optionally followed by a confidence or by {@code |#|} and type-specific fields (kept as the
 * {@code extra} attribute).
 */
final class DeepStreamMinimal {

  static final String FORMAT = "DeepStream minimal schema";

  private DeepStreamMinimal() {}

  static boolean looksLike(JsonNode node) {
    return node.has("sensorId") || (node.has("objects") && node.has("version"));
  }

  static DetectionFrame map(JsonNode node, MessageContext context) {
    String version = Json.text(node, "version").orElse("(none)");
    if (!version.startsWith("4.")) {
      throw new UnmappableMessageException(
          FORMAT
              + ": unknown schema version "
              + version
              + "; Clipstream reads version 4.x (payload-type=1). Use the full schema"
              + " (payload-type=0) or the generic JSON shape otherwise");
    }
    String camera = context.camera(Json.text(node, "sensorId"), FORMAT, "sensorId");
    Instant time =
        Json.time(node, "@timestamp", FORMAT)
            .orElseGet(() -> Instant.ofEpochMilli(context.recordTimestampMs()));
    JsonNode objects = node.get("objects");
    if (objects == null || !objects.isArray()) {
      throw new UnmappableMessageException(
          FORMAT + ": 'objects' must be an array of \"trackingId|left|top|right|bottom|label\"");
    }
    double scale = context.scales().factor(camera);
    List<Detection> detections = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      detections.add(object(objects.get(i), i, scale));
    }
    Long frame = Tracks.parse(node.path("id").asText(""));
    return DetectionFrame.newBuilder()
        .setCameraId(camera)
        .setCaptureTime(time)
        .setFrameIndex(frame)
        .setDetections(detections)
        .setModel("deepstream")
        .build();
  }

  private static Detection object(JsonNode value, int index, double scale) {
    String where = FORMAT + ": objects[" + index + "]";
    String[] parts = value.isTextual() ? value.asText().split("\\|", -1) : new String[0];
    if (parts.length < 6) {
      throw new UnmappableMessageException(
          where
              + " is "
              + Json.shown(value)
              + "; expected \"trackingId|left|top|right|bottom|label\"");
    }
    double[] xyxy = new double[4];
    for (int k = 0; k < 4; k++) {
      try {
        xyxy[k] = Double.parseDouble(parts[k + 1].trim());
      } catch (NumberFormatException e) {
        throw new UnmappableMessageException(
            where + ": '" + parts[k + 1] + "' is not a number (field " + (k + 2) + " of 6)");
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode confidence = null;
    if (parts.length == 7) {
      try {
        confidence = DoubleNode.valueOf(Double.parseDouble(parts[6].trim()));
      } catch (NumberFormatException e) {
        attributes.put("extra", parts[6]);
      }
    } else if (parts.length > 7) {
      attributes.put("extra", String.join("|", List.of(parts).subList(6, parts.length)));
    }
    float score = Tracks.score(confidence, attributes);
    String label = parts[5].isBlank() ? "object" : parts[5].trim();
    return Boxes.detection(
        where, xyxy, 0, 0, scale, label, score, Tracks.parse(parts[0]), attributes);
  }
}
