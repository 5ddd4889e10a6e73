package io.clipstream.render;

import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.SourceSlice;
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
  static List<SourceSlice> around(EventWindow event, List<SourceSlice> sources, long maxMicros) {
    long total = sources.stream().mapToLong(SourceSlice::durationMicros).sum();
    if (maxMicros <= 0 || total <= maxMicros) {
      return sources;
    }
    long middle = clipTime(event.middle(), sources, total);
    long start = Math.max(0, Math.min(middle - maxMicros / 2, total - maxMicros));
    long end = start + maxMicros;
    List<SourceSlice> result = new ArrayList<>();
    long offset = 0;
    for (SourceSlice source : sources) {
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
  static long clipTime(Instant instant, List<SourceSlice> sources, long total) {
    long offset = 0;
    for (SourceSlice source : sources) {
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
