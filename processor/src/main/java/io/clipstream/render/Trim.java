package io.clipstream.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a multi-source window down to a maximum duration centred on the event's middle (clamped so
 * the result stays inside the window). Works on the clip timeline: the sources' ranges laid end to
 * end.
 */
final class Trim {

  private Trim() {}

  /**
   * The trimmed range of each source, null for a source trimmed away; unchanged when short enough.
   */
  static List<ClipSource> around(EventWindow event, List<ClipSource> sources, long maxMicros) {
    long total = sources.stream().mapToLong(ClipSource::durationMicros).sum();
    if (maxMicros <= 0 || total <= maxMicros) {
      return sources;
    }
    long middle = clipTime(event.middle(), sources, total);
    long start = Math.max(0, Math.min(middle - maxMicros / 2, total - maxMicros));
    long end = start + maxMicros;
    List<ClipSource> result = new ArrayList<>();
    long offset = 0;
    for (ClipSource source : sources) {
      long from = Math.max(start, offset);
      long to = Math.min(end, offset + source.durationMicros());
      result.add(
          from < to
              ? source.withRange(
                  source.fromMicros() + from - offset, source.fromMicros() + to - offset)
              : null);
      offset += source.durationMicros();
    }
    return result;
  }

  /** Where a wall-clock instant falls on the clip timeline (clamped to it). */
  static long clipTime(Instant instant, List<ClipSource> sources, long total) {
    long offset = 0;
    for (ClipSource source : sources) {
      long local = source.localMicros(instant);
      if (local < source.fromMicros()) {
        return offset; // before this source's range (or in a gap before it)
      }
      if (local < source.toMicros()) {
        return offset + local - source.fromMicros();
      }
      offset += source.durationMicros();
    }
    return total;
  }
}
