package io.clipstream.planner;

/**
 * String keys of the planner stores, ordered for range scans by camera and time: {@code camera NUL
 * 13-digit epoch millis NUL discriminator}. NUL sorts before every other character, so the keys of
 * one camera form one contiguous range that no other camera id (even one that is a prefix of it)
 * can enter; zero-padded millis sort numerically. Camera ids containing NUL are refused upstream.
 */
final class StoreKeys {

  static final char SEP = '\u0000';
  private static final long MAX_TIME = 9_999_999_999_999L;

  private StoreKeys() {}

  /** {@code camera NUL millis NUL discriminator}. */
  static String timed(String camera, long epochMillis, String discriminator) {
    return camera + SEP + pad(epochMillis) + SEP + discriminator;
  }

  /** First key of {@code camera} at or after {@code epochMillis}. */
  static String from(String camera, long epochMillis) {
    return camera + SEP + pad(epochMillis);
  }

  /** Key of an event: {@code camera NUL event id}. */
  static String event(String camera, String eventId) {
    return camera + SEP + eventId;
  }

  /** Camera part of any planner key. */
  static String camera(String key) {
    return key.substring(0, key.indexOf(SEP));
  }

  /** Time part of a {@link #timed} key. */
  static long time(String key) {
    int start = key.indexOf(SEP) + 1;
    return Long.parseLong(key.substring(start, start + 13));
  }

  /** The smallest key greater than every key of {@code camera}: where the next camera starts. */
  static String afterCamera(String camera) {
    return camera + (char) (SEP + 1);
  }

  private static String pad(long epochMillis) {
    // Times before 1970 or after 2286 cannot be ordered by a 13-digit key; clamp, they are nonsense
    long clamped = Math.max(0, Math.min(MAX_TIME, epochMillis));
    return String.format("%013d", clamped);
  }
}
