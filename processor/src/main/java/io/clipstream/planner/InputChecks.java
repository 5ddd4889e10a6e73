package io.clipstream.planner;

import io.clipstream.contracts.Event;
import java.util.Optional;

/** Validation of input records; the messages say what was wrong and what to do. */
final class InputChecks {

  private InputChecks() {}

  /** A camera key the stores can hold: present, not blank, without the key separator. */
  static boolean validCameraKey(String camera) {
    return camera != null && !camera.isBlank() && camera.indexOf(StoreKeys.SEP) < 0;
  }

  /** Why {@code event} under {@code key} cannot be planned, or empty when it can. */
  static Optional<String> eventProblem(String key, Event event) {
    if (!validCameraKey(key)) {
      return Optional.of(
          "the record key (camera id) is missing, blank or contains NUL; produce events keyed by"
              + " their camera id");
    }
    if (event.getEventId() == null || event.getEventId().isBlank()) {
      return Optional.of("event_id is blank; give every event a non-blank id unique per camera");
    }
    if (event.getEventId().indexOf(StoreKeys.SEP) >= 0) {
      return Optional.of("event_id contains a NUL character; use printable ids");
    }
    if (!key.equals(event.getCameraId())) {
      return Optional.of(
          "camera_id '"
              + event.getCameraId()
              + "' differs from the record key '"
              + key
              + "'; key events by their camera id so they meet that camera's detections and"
              + " segments");
    }
    if (event.getOptionalEnd().map(end -> end.isBefore(event.getStart())).orElse(false)) {
      return Optional.of(
          "end "
              + event.getEnd()
              + " is before start "
              + event.getStart()
              + "; send a corrected event with end at or after start");
    }
    return Optional.empty();
  }
}
