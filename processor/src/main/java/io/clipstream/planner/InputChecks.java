package io.clipstream.planner;

import io.clipstream.contracts.BoundingBox;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Validation of input records; the messages say what was wrong and what to do. */
final class InputChecks {

  /**
   * How far ahead of the wall clock an input's times may lie. Further out, the producer's clock or
   * its data is wrong, and trusting the time would move the planner's clock years ahead.
   */
  static final Duration MAX_FUTURE = Duration.ofDays(1);

  /** Box coordinates beyond this many pixels belong to no video frame (the renderer's limit). */
  static final float MAX_COORDINATE = 65_536f;

  private InputChecks() {}

  /**
   * A camera key the stores can hold and logs can show: present, not blank, without control
   * characters (the key separator NUL among them).
   */
  static boolean validCameraKey(String camera) {
    return camera != null && !camera.isBlank() && !hasControlCharacter(camera);
  }

  /** True when {@code s} contains NUL, CR, LF or another ISO control character. */
  static boolean hasControlCharacter(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }

  /** True when {@code time} lies more than {@link #MAX_FUTURE} after {@code nowMs}. */
  private static boolean farFuture(Instant time, long nowMs) {
    return time.toEpochMilli() > nowMs + MAX_FUTURE.toMillis();
  }

  /**
   * Says that {@code field} = {@code time} lies more than {@link #MAX_FUTURE} after {@code nowMs},
   * naming whose clock to check; empty when it does not.
   */
  private static Optional<String> futureProblem(
      String field, Instant time, long nowMs, String producer) {
    if (!farFuture(time, nowMs)) {
      return Optional.empty();
    }
    return Optional.of(
        field
            + " "
            + time
            + " is in the future (more than "
            + MAX_FUTURE.toHours()
            + " h after "
            + Instant.ofEpochMilli(nowMs)
            + "); check the "
            + producer
            + "'s clock and time unit (epoch milliseconds)");
  }

  /**
   * Why {@code event} under {@code key} cannot be planned, or empty when it can.
   *
   * @param nowMs the wall clock, for times in the future
   * @param maxDuration the longest event the planner makes a clip of
   */
  static Optional<String> eventProblem(String key, Event event, long nowMs, Duration maxDuration) {
    if (!validCameraKey(key)) {
      return Optional.of(
          "the record key (camera id) is missing, blank or contains a control character (NUL,"
              + " CR, LF...); produce events keyed by their camera id, in printable characters");
    }
    if (event.getEventId() == null || event.getEventId().isBlank()) {
      return Optional.of("event_id is blank; give every event a non-blank id unique per camera");
    }
    if (hasControlCharacter(event.getEventId())) {
      return Optional.of(
          "event_id contains a control character (NUL, CR, LF...); use printable ids");
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
    Optional<String> future = futureProblem("start", event.getStart(), nowMs, "event producer");
    if (future.isPresent()) {
      return future;
    }
    if (event.getOptionalEnd().isPresent()) {
      Duration length = Duration.between(event.getStart(), event.getEnd());
      if (length.compareTo(maxDuration) > 0) {
        return Optional.of(
            "it lasts "
                + length
                + ", longer than the maximum event duration "
                + maxDuration
                + " (planner.max.event.duration.ms); send shorter events (split long ones) or"
                + " raise that maximum");
      }
    }
    return Optional.empty();
  }

  /** Why {@code frame} cannot be used, or empty when it can. */
  static Optional<String> frameProblem(DetectionFrame frame, long nowMs) {
    Optional<String> future =
        futureProblem("capture_time", frame.getCaptureTime(), nowMs, "detector");
    if (future.isPresent()) {
      return future;
    }
    int width = frame.getOptionalFrameWidth().orElse(0);
    int height = frame.getOptionalFrameHeight().orElse(0);
    List<Detection> detections = frame.getDetections();
    for (int i = 0; i < detections.size(); i++) {
      Optional<String> problem = detectionProblem(detections.get(i), width, height);
      if (problem.isPresent()) {
        Detection d = detections.get(i);
        return Optional.of(
            "detection "
                + i
                + " ('"
                + d.getLabel()
                + "'"
                + d.getOptionalTrackId().map(t -> " #" + t).orElse("")
                + ") "
                + problem.get()
                + "; fix the detector's output (the whole frame is set aside)");
      }
    }
    return Optional.empty();
  }

  /**
   * A box that cannot be drawn anywhere sensible. Boxes sticking partly out of the frame are fine:
   * detectors report them all the time and the renderer clamps them.
   */
  private static Optional<String> detectionProblem(Detection d, int width, int height) {
    BoundingBox b = d.getBox();
    String box = "box [" + b.getX1() + ", " + b.getY1() + ", " + b.getX2() + ", " + b.getY2() + "]";
    float[] corners = {b.getX1(), b.getY1(), b.getX2(), b.getY2()};
    for (float v : corners) {
      if (!Float.isFinite(v)) {
        return Optional.of("has " + box + ": a coordinate is not a finite number");
      }
    }
    if (!Float.isFinite(d.getScore())) {
      return Optional.of("has score " + d.getScore() + ", not a finite number in [0, 1]");
    }
    for (float v : corners) {
      if (Math.abs(v) > MAX_COORDINATE) {
        return Optional.of(
            "has "
                + box
                + ": a coordinate lies beyond "
                + (int) MAX_COORDINATE
                + " px, outside any video frame (are the coordinates in pixels?)");
      }
    }
    if (width > 0 && height > 0) {
      float left = Math.min(b.getX1(), b.getX2());
      float right = Math.max(b.getX1(), b.getX2());
      float top = Math.min(b.getY1(), b.getY2());
      float bottom = Math.max(b.getY1(), b.getY2());
      if (right <= 0 || bottom <= 0 || left >= width || top >= height) {
        return Optional.of(
            "has "
                + box
                + " entirely outside its "
                + width
                + "x"
                + height
                + " frame: nothing of it can be drawn");
      }
    }
    return Optional.empty();
  }

  /** Why {@code segment} cannot be catalogued, or empty when it can. */
  static Optional<String> segmentProblem(Segment segment, long nowMs) {
    if (!segment.getEnd().isAfter(segment.getStart())) {
      return Optional.of(
          "ends at "
              + segment.getEnd()
              + ", not after its start "
              + segment.getStart()
              + ": fix the recorder's segment times; this segment cannot cover any clip");
    }
    Optional<String> future = futureProblem("start", segment.getStart(), nowMs, "recorder");
    if (future.isPresent()) {
      return future;
    }
    if (!(segment.getFps() > 0) || !Double.isFinite(segment.getFps())) {
      return Optional.of(
          "has fps "
              + segment.getFps()
              + "; a recording has a positive frame rate: fix the recorder's segment metadata");
    }
    if (segment.getWidth() <= 0 || segment.getHeight() <= 0) {
      return Optional.of(
          "is "
              + segment.getWidth()
              + "x"
              + segment.getHeight()
              + " pixels; width and height must be positive: fix the recorder's segment metadata");
    }
    return Optional.empty();
  }
}
