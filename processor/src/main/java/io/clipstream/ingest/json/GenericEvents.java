package io.clipstream.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.contracts.Event;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic JSON event: the fields of {@code cv.events} as {@code clipstream publish --kind
 * events} reads them ({@code event_id}, {@code trigger}, {@code start}, optional {@code end},
 * {@code focus_track_ids}, {@code attributes} of strings, {@code updated_at}); {@code camera_id}
 * falls back to the record key, then {@code ingest.camera.default}.
 */
public final class GenericEvents {

  static final String FORMAT = "generic JSON event";

  private GenericEvents() {}

  public static Event map(byte[] value, MessageContext context) {
    JsonNode node = DetectionPayloads.object(value);
    String id = require(node, "event_id");
    String trigger = require(node, "trigger");
    String camera = context.camera(Json.text(node, "camera_id"), FORMAT, "camera_id");
    Instant start =
        Json.time(node, "start", FORMAT)
            .orElseThrow(() -> new UnmappableMessageException(FORMAT + ": 'start' is missing"));
    Instant end = Json.time(node, "end", FORMAT).orElse(null);
    if (end != null && end.isBefore(start)) {
      throw new UnmappableMessageException(
          FORMAT + " " + id + ": 'end' " + end + " is before 'start' " + start);
    }
    List<Long> focus = new ArrayList<>();
    for (JsonNode t : node.path("focus_track_ids")) {
      if (!t.isIntegralNumber()) {
        throw new UnmappableMessageException(FORMAT + ": 'focus_track_ids' must hold integers");
      }
      focus.add(t.asLong());
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    node.path("attributes")
        .fields()
        .forEachRemaining(
            f -> attributes.put(f.getKey(), f.getValue().asText(f.getValue().toString())));
    return Event.newBuilder()
        .setEventId(id)
        .setCameraId(camera)
        .setTrigger(trigger)
        .setStart(start)
        .setEnd(end)
        .setFocusTrackIds(focus)
        .setAttributes(attributes)
        .setUpdatedAt(Json.time(node, "updated_at", FORMAT).orElse(null))
        .build();
  }

  private static String require(JsonNode node, String field) {
    return Json.text(node, field)
        .orElseThrow(
            () ->
                new UnmappableMessageException(
                    FORMAT
                        + ": '"
                        + field
                        + "' must be a non-empty string (got "
                        + Json.shown(node.get(field))
                        + ")"));
  }
}
