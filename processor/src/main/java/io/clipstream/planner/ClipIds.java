package io.clipstream.planner;

import io.clipstream.storage.ClipKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Deterministic clip ids and their output keys. */
final class ClipIds {

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

  /**
   * {@code camera/yyyy/MM/dd/event/clip} (date of the event start, UTC), with the storage layer's
   * sanitising so the planner and renderer agree on keys and different ids never collide.
   */
  static String outputKey(String camera, String eventId, Instant eventStart, String clipId) {
    return ClipKeys.stem(camera, eventId, eventStart, clipId);
  }
}
