package io.clipstream.ingest.frigate;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.ingest.json.DetectionPayloads;
import io.clipstream.ingest.mapping.BoxScales;
import io.clipstream.ingest.mapping.Boxes;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One Frigate {@code <prefix>/events} message ({@code type} new, update or end, with the tracked
 * object's state in {@code after}) as a {@link Event} and, when it has a box, a sparse {@link
 * DetectionFrame}.
 *
 * <p>The event is open (no end) on {@code new} and {@code update} and closed on {@code end}; the
 * trigger is the object's label; Frigate's id, label, sub-label, scores and zones go to the
 * attributes. The box ({@code after.box}, detect-stream pixels) is scaled to the recording and
 * drawn on a track derived from the Frigate id, which is also the event's focus track. Frigate
 * reports a box only now and then, so the event asks the renderer to interpolate that track and
 * hold it {@value #HOLD_MS} ms.
 */
public record FrigateMessage(Event event, Optional<DetectionFrame> detections) {

  static final long HOLD_MS = 2_000;
  private static final String FORMAT = "Frigate event";

  public static FrigateMessage parse(byte[] payload, BoxScales scales) {
    JsonNode node = DetectionPayloads.object(payload);
    String type = node.path("type").asText("");
    if (!List.of("new", "update", "end").contains(type)) {
      throw new UnmappableMessageException(
          FORMAT + ": 'type' is '" + type + "'; expected new, update or end (frigate/events)");
    }
    JsonNode after = node.get("after");
    if (after == null || !after.isObject()) {
      throw new UnmappableMessageException(FORMAT + ": no 'after' object");
    }
    String id = text(after, "id");
    String camera = text(after, "camera");
    String label = text(after, "label");
    Instant start = seconds(after, "start_time").orElseThrow(() -> missing("start_time"));
    Instant frameTime = seconds(after, "frame_time").orElse(start);
    Instant end = type.equals("end") ? seconds(after, "end_time").orElse(frameTime) : null;
    long track = trackId(id);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("source", "frigate");
    attributes.put("frigate.id", id);
    attributes.put("frigate.label", label);
    copy(after, "sub_label", attributes);
    copy(after, "top_score", attributes);
    copy(after, "score", attributes);
    attributes.put("frigate.entered_zones", zones(after.get("entered_zones")));
    attributes.put("frigate.current_zones", zones(after.get("current_zones")));
    Event event =
        Event.newBuilder()
            .setEventId(id)
            .setCameraId(camera)
            .setTrigger(label)
            .setStart(start)
            .setEnd(end)
            .setFocusTrackIds(List.of(track))
            .setAttributes(attributes)
            .setRenderOptions(
                RenderOptions.newBuilder().setHoldMs(HOLD_MS).setInterpolate(true).build())
            .setUpdatedAt(frameTime)
            .build();
    return new FrigateMessage(event, frame(after, camera, label, frameTime, track, scales));
  }

  private static Optional<DetectionFrame> frame(
      JsonNode after, String camera, String label, Instant time, long track, BoxScales scales) {
    JsonNode box = after.get("box");
    if (box == null || box.isNull()) {
      return Optional.empty();
    }
    if (!box.isArray() || box.size() != 4) {
      throw new UnmappableMessageException(
          FORMAT + " " + text(after, "id") + ": 'box' must be [x1, y1, x2, y2] (got " + box + ")");
    }
    double[] xyxy = new double[4];
    for (int i = 0; i < 4; i++) {
      if (!box.get(i).isNumber()) {
        throw new UnmappableMessageException(FORMAT + ": 'box' values must be numbers");
      }
      xyxy[i] = box.get(i).asDouble();
    }
    JsonNode score = after.get("score");
    float s = score != null && score.isNumber() ? (float) score.asDouble() : 1f;
    Detection detection =
        Boxes.detection(
            FORMAT + " " + text(after, "id"),
            xyxy,
            0,
            0,
            scales.factor(camera),
            label,
            s,
            track,
            Map.of("sparse", "true", "source", "frigate"));
    List<Detection> detections = new ArrayList<>(List.of(detection));
    return Optional.of(
        DetectionFrame.newBuilder()
            .setCameraId(camera)
            .setCaptureTime(time)
            .setDetections(detections)
            // One message per object: the id keeps objects of one instant apart in the planner.
            .setModel("frigate " + text(after, "id"))
            .build());
  }

  /**
   * A stable track id for a Frigate object id, in six digits: it is drawn in the box's label, and
   * two objects of one camera in one clip sharing it is a one-in-a-million chance.
   */
  static long trackId(String frigateId) {
    long bits =
        UUID.nameUUIDFromBytes(frigateId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    return (bits & Long.MAX_VALUE) % 1_000_000L;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw missing(field);
    }
    return v.asText();
  }

  private static Optional<Instant> seconds(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber() || !(v.asDouble() > 0)) {
      throw new UnmappableMessageException(
          FORMAT
              + ": 'after."
              + field
              + "' must be epoch seconds such as 1607123955.475 (got "
              + v
              + ")");
    }
    return Optional.of(Instant.ofEpochMilli(Math.round(v.asDouble() * 1000)));
  }

  private static void copy(JsonNode after, String field, Map<String, String> attributes) {
    JsonNode v = after.get(field);
    if (v != null && !v.isNull() && !v.isContainerNode()) {
      attributes.put("frigate." + field, v.asText());
    }
  }

  private static String zones(JsonNode zones) {
    List<String> names = new ArrayList<>();
    if (zones != null && zones.isArray()) {
      zones.forEach(z -> names.add(z.asText()));
    }
    return String.join(",", names);
  }

  private static UnmappableMessageException missing(String field) {
    return new UnmappableMessageException(
        FORMAT + ": 'after." + field + "' is missing or empty; is this a frigate/events message?");
  }
}
