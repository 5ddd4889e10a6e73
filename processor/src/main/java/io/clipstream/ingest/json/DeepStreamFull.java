package io.clipstream.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.ingest.mapping.Boxes;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NVIDIA DeepStream's "full" nvmsgconv schema ({@code mdsversion} 1.x, gst-nvmsgconv {@code
 * payload-type=0}): one object per message, {@code sensor.id} the camera, {@code object.bbox} with
 * {@code topleftx}, {@code toplefty}, {@code bottomrightx}, {@code bottomrighty} in the pixels of
 * the frame the detector saw. The label is the object's type sub-object ({@code vehicle}, {@code
 * person}, {@code face}, ...); its string fields become attributes.
 *
 * <p>The payload has no frame number, so {@code model} carries the analytics module and the message
 * id: several single-object messages of one instant stay several frames in the planner instead of
 * replacing each other, and a replayed message lands on the same key.
 */
final class DeepStreamFull {

  static final String FORMAT = "DeepStream full schema";
  private static final List<String> OBJECT_TYPES =
      List.of("vehicle", "person", "face", "bag", "bicycle", "roadsign");

  private DeepStreamFull() {}

  static boolean looksLike(JsonNode node) {
    return node.has("mdsversion") || (node.has("object") && node.has("sensor"));
  }

  static DetectionFrame map(JsonNode node, MessageContext context) {
    String version = Json.text(node, "mdsversion").orElse("(none)");
    if (!version.equals("1.0") && !version.startsWith("1.")) {
      throw new UnmappableMessageException(
          FORMAT
              + ": unknown schema version mdsversion="
              + version
              + "; Clipstream reads mdsversion 1.x (DeepStream 4 to 7, payload-type=0). Use the"
              + " minimal schema (payload-type=1) or the generic JSON shape otherwise");
    }
    JsonNode sensor = node.path("sensor");
    String camera = context.camera(Json.text(sensor, "id"), FORMAT, "sensor.id");
    Instant time =
        Json.time(node, "@timestamp", FORMAT)
            .orElseGet(() -> Instant.ofEpochMilli(context.recordTimestampMs()));
    JsonNode object = node.get("object");
    if (object == null || !object.isObject()) {
      throw new UnmappableMessageException(FORMAT + ": no 'object'; each message carries one");
    }
    JsonNode bbox = object.get("bbox");
    if (bbox == null || !bbox.isObject()) {
      throw new UnmappableMessageException(
          FORMAT
              + ": 'object.bbox' is missing; expected {topleftx, toplefty, bottomrightx,"
              + " bottomrighty}");
    }
    double[] xyxy = {
      Json.number(bbox, "topleftx", FORMAT),
      Json.number(bbox, "toplefty", FORMAT),
      Json.number(bbox, "bottomrightx", FORMAT),
      Json.number(bbox, "bottomrighty", FORMAT)
    };
    Map<String, String> attributes = new LinkedHashMap<>();
    String label = "object";
    for (String type : OBJECT_TYPES) {
      JsonNode sub = object.get(type);
      if (sub != null && sub.isObject()) {
        label = type;
        sub.fields()
            .forEachRemaining(
                f -> {
                  if (f.getValue().isValueNode() && !f.getValue().asText().isEmpty()) {
                    attributes.put(type + "." + f.getKey(), f.getValue().asText());
                  }
                });
        break;
      }
    }
    Json.text(node.path("event"), "type").ifPresent(t -> attributes.put("event.type", t));
    Json.text(node.path("event"), "id").ifPresent(t -> attributes.put("event.id", t));
    String objectId = object.path("id").asText("");
    Long track = Tracks.parse(objectId);
    float score = Tracks.score(object.get("confidence"), attributes);
    double scale = context.scales().factor(camera);
    Detection detection =
        Boxes.detection(FORMAT, xyxy, 0, 0, scale, label, score, track, attributes);
    String module = Json.text(node.path("analyticsModule"), "id").orElse("deepstream");
    String messageId = Json.text(node, "messageid").orElse(objectId + "@" + time.toEpochMilli());
    return DetectionFrame.newBuilder()
        .setCameraId(camera)
        .setCaptureTime(time)
        .setDetections(List.of(detection))
        .setModel(module + " (message " + messageId + ")")
        .build();
  }
}
