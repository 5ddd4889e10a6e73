package io.clipstream.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.ingest.mapping.Boxes;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic JSON shape: the detection lines {@code clipstream render} reads ({@code bbox} {@code
 * [x1, y1, x2, y2]}, {@code label}, optional {@code score}, {@code track_id}, {@code color} {@code
 * [r, g, b]}), one detection per message, or one frame per message with those detections under
 * {@code detections}. {@code camera_id} and {@code capture_time} (ISO-8601 or epoch ms) are
 * optional: the record key and timestamp stand in. {@code frame_idx}/{@code frame_index}, {@code
 * frame_width}, {@code frame_height} and {@code model} are kept when given.
 */
final class GenericDetections {

  static final String FORMAT = "generic JSON detection";

  private GenericDetections() {}

  static DetectionFrame map(JsonNode node, MessageContext context) {
    if (!node.has("detections") && !node.has("bbox") && !node.has("box")) {
      throw new UnmappableMessageException(
          "not a detection message in any known shape: expected DeepStream's full schema"
              + " (mdsversion, sensor, object), its minimal schema (version, sensorId, objects)"
              + " or the generic shape (bbox and label, or detections); got fields "
              + fieldNames(node));
    }
    String camera = context.camera(Json.text(node, "camera_id"), FORMAT, "camera_id");
    Instant time =
        Json.time(node, "capture_time", FORMAT)
            .orElseGet(() -> Instant.ofEpochMilli(context.recordTimestampMs()));
    int width = (int) optionalNumber(node, "frame_width");
    int height = (int) optionalNumber(node, "frame_height");
    double scale = context.scales().factor(camera);
    List<Detection> detections = new ArrayList<>();
    if (node.has("detections")) {
      JsonNode list = node.get("detections");
      if (!list.isArray()) {
        throw new UnmappableMessageException(FORMAT + ": 'detections' must be an array");
      }
      for (int i = 0; i < list.size(); i++) {
        detections.add(
            detection(list.get(i), FORMAT + " detections[" + i + "]", width, height, scale));
      }
    } else {
      detections.add(detection(node, FORMAT, width, height, scale));
    }
    JsonNode index = node.has("frame_index") ? node.get("frame_index") : node.get("frame_idx");
    return DetectionFrame.newBuilder()
        .setCameraId(camera)
        .setCaptureTime(time)
        .setFrameIndex(index != null && index.canConvertToLong() ? index.asLong() : null)
        .setFrameWidth(width > 0 ? (int) Math.round(width * scale) : null)
        .setFrameHeight(height > 0 ? (int) Math.round(height * scale) : null)
        .setDetections(detections)
        .setModel(Json.text(node, "model").orElse(null))
        .build();
  }

  private static Detection detection(
      JsonNode d, String where, int width, int height, double scale) {
    JsonNode bbox = d.has("bbox") ? d.get("bbox") : d.get("box");
    if (bbox == null || !bbox.isArray() || bbox.size() != 4) {
      throw new UnmappableMessageException(
          where
              + ": 'bbox' must be a list of 4 numbers [x1, y1, x2, y2] (got "
              + Json.shown(bbox)
              + ")");
    }
    double[] xyxy = new double[4];
    for (int i = 0; i < 4; i++) {
      if (!bbox.get(i).isNumber()) {
        throw new UnmappableMessageException(where + ": 'bbox' values must be numbers");
      }
      xyxy[i] = bbox.get(i).asDouble();
    }
    String label =
        Json.text(d, "label")
            .orElseThrow(
                () ->
                    new UnmappableMessageException(where + ": 'label' must be a non-empty string"));
    Map<String, String> attributes = new HashMap<>();
    float score =
        d.has("score") ? (float) Json.number(d, "score", where) : Tracks.score(null, attributes);
    Long track = null;
    if (d.hasNonNull("track_id")) {
      if (!d.get("track_id").isIntegralNumber()) {
        throw new UnmappableMessageException(where + ": 'track_id' must be an integer");
      }
      track = d.get("track_id").asLong();
    }
    Detection detection =
        Boxes.detection(where, xyxy, width, height, scale, label, score, track, attributes);
    return color(d, where)
        .map(c -> Detection.newBuilder(detection).setColor(c).build())
        .orElse(detection);
  }

  private static java.util.Optional<String> color(JsonNode d, String where) {
    JsonNode c = d.get("color");
    if (c == null || c.isNull()) {
      return java.util.Optional.empty();
    }
    if (c.isTextual() && c.asText().matches("#[0-9A-Fa-f]{6}")) {
      return java.util.Optional.of(c.asText());
    }
    if (c.isArray() && c.size() == 3) {
      StringBuilder hex = new StringBuilder("#");
      for (JsonNode v : c) {
        if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 255) {
          break;
        }
        hex.append(String.format("%02X", v.asInt()));
      }
      if (hex.length() == 7) {
        return java.util.Optional.of(hex.toString());
      }
    }
    throw new UnmappableMessageException(
        where
            + ": 'color' must be [r, g, b] with integers 0-255 or \"#RRGGBB\" (got "
            + Json.shown(c)
            + ")");
  }

  private static double optionalNumber(JsonNode node, String field) {
    return node.hasNonNull(field) ? Json.number(node, field, FORMAT) : 0;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.size() > 8 ? names.subList(0, 8) : names;
  }
}
