package io.clipstream.storage;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Object keys of a clip: {@code camera/yyyy/MM/dd/event/clip} (the date of the event start, UTC),
 * to which a store appends {@code .mp4}, {@code .json} or {@code .jpg}.
 *
 * <p>Ids come from producers, so every id becomes one safe path segment: only {@code
 * [A-Za-z0-9._-]}, never {@code .} or {@code ..}, no leading dot, at most {@value #MAX_LENGTH}
 * characters before the hash suffix. An id that is already safe is kept as it is; any other id (one
 * that had to be changed or cut) gets {@code --} and 12 hex digits of its SHA-256. Safe ids that
 * happen to end like such a suffix are suffixed too, so kept ids and suffixed ids never meet and
 * two different ids never share a segment (short of a 48-bit hash collision).
 */
public final class ClipKeys {

  /** Longest segment body before the {@code --<hash>} suffix. */
  public static final int MAX_LENGTH = 64;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final Pattern UNSAFE_RUN = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final Pattern SUFFIX_LIKE = Pattern.compile(".*--[0-9a-f]{12}");
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern STEM =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

  private ClipKeys() {}

  /** The key stem of a clip: {@code camera/yyyy/MM/dd/event/clip}, every id sanitised. */
  public static String stem(String cameraId, String eventId, Instant eventStart, String clipId) {
    Objects.requireNonNull(eventStart, "eventStart");
    return segment(cameraId)
        + '/'
        + DATE.format(eventStart)
        + '/'
        + segment(eventId)
        + '/'
        + segment(clipId);
  }

  /** One id as a safe, collision-free path segment (see the class comment). */
  public static String segment(String id) {
    Objects.requireNonNull(id, "id");
    if (id.length() <= MAX_LENGTH
        && SAFE.matcher(id).matches()
        && !SUFFIX_LIKE.matcher(id).matches()) {
      return id;
    }
    // "Café" reads better as "Cafe" than as "Caf_"; the hash keeps it distinct from a real "Cafe".
    String ascii =
        COMBINING_MARKS.matcher(Normalizer.normalize(id, Normalizer.Form.NFD)).replaceAll("");
    String body = UNSAFE_RUN.matcher(ascii).replaceAll("_");
    body = trim(body);
    if (body.length() > MAX_LENGTH) {
      body = trim(body.substring(0, MAX_LENGTH));
    }
    return (body.isEmpty() ? "id" : body)
        + "--"
        + Digests.sha256Hex(id.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }

  /**
   * Checks that a key stem handed to a store is relative and made of safe segments only, so that no
   * caller can write outside the store's root whatever it passes.
   */
  public static String checkStem(String keyStem) {
    Objects.requireNonNull(keyStem, "keyStem");
    if (keyStem.length() > 900 || !STEM.matcher(keyStem).matches()) {
      throw new IllegalArgumentException(
          "Unsafe storage key stem '"
              + keyStem
              + "': expected segments of [A-Za-z0-9._-] separated by '/', none starting with a dot"
              + " (build it with ClipKeys.stem)");
    }
    return keyStem;
  }

  // Leading dots would hide files or form "."/".." segments; edge underscores and dashes are noise.
  private static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && "._-".indexOf(s.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && "._-".indexOf(s.charAt(to - 1)) >= 0) {
      to--;
    }
    return s.substring(from, to);
  }
}
