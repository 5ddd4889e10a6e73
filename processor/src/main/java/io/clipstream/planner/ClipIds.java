package io.clipstream.planner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/** Deterministic clip ids and safe output keys. */
final class ClipIds {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final int MAX_SEGMENT = 100;

  private ClipIds() {}

  /**
   * A hash of camera, the (sorted) event ids and the window: the same event and window always give
   * the same id, so a replay names the same objects and the renderer can skip finished work.
   */
  static String clipId(String camera, List<String> sortedEventIds, long start, long end) {
    String material = camera + '\n' + String.join("\n", sortedEventIds) + '\n' + start + '\n' + end;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
      return "clip-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** {@code camera/yyyy/MM/dd/event/clip} (date of the window start, UTC), sanitised. */
  static String outputKey(String camera, String eventId, long windowStart, String clipId) {
    return safe(camera)
        + '/'
        + DATE.format(Instant.ofEpochMilli(Math.max(0, windowStart)))
        + '/'
        + safe(eventId)
        + '/'
        + safe(clipId);
  }

  /**
   * Only {@code [A-Za-z0-9._-]}, no leading dot (no "." or ".." segments), at most 100 chars:
   * producers' ids cannot escape the prefix or make unreadable object names.
   */
  static String safe(String id) {
    String cleaned = id.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^\\.+", "_");
    if (cleaned.length() > MAX_SEGMENT) {
      cleaned = cleaned.substring(0, MAX_SEGMENT);
    }
    return cleaned.isEmpty() ? "_" : cleaned;
  }
}
