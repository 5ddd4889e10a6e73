package io.clipstream.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Object keys of recorded segments: {@code camera/yyyy/MM/dd/camera-yyyyMMddTHHmmss.SSSZ.mp4}. */
public final class SegmentKeys {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SegmentKeys() {}

  /** The key of {@code cameraId}'s segment starting at {@code start}; the id is sanitised. */
  public static String key(String cameraId, Instant start) {
    String camera = ClipKeys.segment(cameraId);
    return camera + '/' + DAY.format(start) + '/' + camera + '-' + STAMP.format(start) + ".mp4";
  }

  /** Checks that {@code key} is relative, safe and an MP4; returns it. */
  static String check(String key) {
    if (!key.endsWith(".mp4")) {
      throw new IllegalArgumentException("Segment key '" + key + "' must end in .mp4");
    }
    ClipKeys.checkStem(key.substring(0, key.length() - 4));
    return key;
  }
}
