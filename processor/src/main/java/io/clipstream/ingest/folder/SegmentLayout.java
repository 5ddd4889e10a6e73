package io.clipstream.ingest.folder;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an NVR names its files: a pattern of {@code {camera}} and the strftime fields {@code %Y %m %d
 * %H %M %S} (UTC), matched against the path relative to the root with {@code /} separators. {@code
 * frigate} stands for Frigate's {@code %Y-%m-%d/%H/{camera}/%M.%S.mp4}.
 */
public final class SegmentLayout {

  /** Frigate 0.12+ recordings: {@code recordings/YYYY-MM-DD/HH/<camera>/MM.SS.mp4}, UTC. */
  public static final String FRIGATE = "%Y-%m-%d/%H/{camera}/%M.%S.mp4";

  private static final Pattern TOKEN = Pattern.compile("\\{camera}|%[YmdHMS]");

  private final String pattern;
  private final Pattern regex;
  private final List<String> groups;

  private SegmentLayout(String pattern, Pattern regex, List<String> groups) {
    this.pattern = pattern;
    this.regex = regex;
    this.groups = groups;
  }

  /**
   * @throws IllegalArgumentException when the pattern lacks {@code {camera}} or the date and time
   *     down to the minute, or uses another {@code %} field
   */
  public static SegmentLayout parse(String layout) {
    String pattern = layout.trim().equalsIgnoreCase("frigate") ? FRIGATE : layout.trim();
    StringBuilder regex = new StringBuilder();
    List<String> groups = new ArrayList<>();
    Matcher m = TOKEN.matcher(pattern);
    int last = 0;
    while (m.find()) {
      String literal = pattern.substring(last, m.start());
      if (literal.contains("%")) {
        throw new IllegalArgumentException(
            "layout '" + layout + "': unknown field in '" + literal + "'; use %Y %m %d %H %M %S");
      }
      regex.append(Pattern.quote(literal));
      String token = m.group();
      groups.add(token);
      regex.append(
          token.equals("{camera}")
              ? "([A-Za-z0-9._-]+)"
              : token.equals("%Y") ? "(\\d{4})" : "(\\d{2})");
      last = m.end();
    }
    String tail = pattern.substring(last);
    if (tail.contains("%")) {
      throw new IllegalArgumentException(
          "layout '" + layout + "': unknown field in '" + tail + "'; use %Y %m %d %H %M %S");
    }
    regex.append(Pattern.quote(tail));
    for (String needed : List.of("{camera}", "%Y", "%m", "%d", "%H", "%M")) {
      if (!groups.contains(needed)) {
        throw new IllegalArgumentException(
            "layout '"
                + layout
                + "' lacks "
                + needed
                + "; a layout names the camera and the start time down to the minute, e.g. "
                + "{camera}/%Y%m%d/%H%M%S.mp4, or is 'frigate'");
      }
    }
    return new SegmentLayout(pattern, Pattern.compile(regex.toString()), List.copyOf(groups));
  }

  /** The camera and start time a file's path says, or empty when it does not fit the layout. */
  public Optional<Named> match(Path relative) {
    return match(relative.toString().replace('\\', '/'));
  }

  /** The same for a {@code /}-separated relative path or S3 key. */
  public Optional<Named> match(String path) {
    Matcher m = regex.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    int[] t = {0, 1, 1, 0, 0, 0};
    Duration precision = groups.contains("%S") ? Duration.ofSeconds(1) : Duration.ofMinutes(1);
    String camera = null;
    for (int i = 0; i < groups.size(); i++) {
      String value = m.group(i + 1);
      switch (groups.get(i)) {
        case "{camera}" -> camera = value;
        case "%Y" -> t[0] = Integer.parseInt(value);
        case "%m" -> t[1] = Integer.parseInt(value);
        case "%d" -> t[2] = Integer.parseInt(value);
        case "%H" -> t[3] = Integer.parseInt(value);
        case "%M" -> t[4] = Integer.parseInt(value);
        default -> t[5] = Integer.parseInt(value);
      }
    }
    try {
      Instant start =
          LocalDateTime.of(t[0], t[1], t[2], t[3], t[4], t[5]).toInstant(ZoneOffset.UTC);
      return Optional.of(new Named(camera, start, precision));
    } catch (DateTimeException e) {
      return Optional.empty(); // digits in the right places that are no date (month 13)
    }
  }

  public String pattern() {
    return pattern;
  }

  /**
   * What a path says: the camera and the UTC start of the recording.
   *
   * @param precision how finely the path gives the start: a second with {@code %S}, else a minute
   */
  public record Named(String cameraId, Instant start, Duration precision) {}
}
