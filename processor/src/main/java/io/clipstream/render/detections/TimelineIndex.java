package io.clipstream.render.detections;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The samples of a timeline, sorted once: pts ascending with duplicates merged, detections cleaned
 * and de-duplicated, and the observations of each track linked in time order.
 */
final class TimelineIndex {

  /** Samples further than this from zero (about 36 000 years) are garbage and dropped. */
  static final long MAX_PTS = 1L << 60;

  final long[] pts;
  final Observation[][] observations;
  final int dropped;

  private TimelineIndex(long[] pts, Observation[][] observations, int dropped) {
    this.pts = pts;
    this.observations = observations;
    this.dropped = dropped;
  }

  static TimelineIndex build(Collection<DetectionSample> samples, DetectionSanitizer sanitizer) {
    List<DetectionSample> sorted = new ArrayList<>();
    int dropped = 0;
    for (DetectionSample s : samples == null ? List.<DetectionSample>of() : samples) {
      if (s == null || Math.abs(s.ptsMicros()) > MAX_PTS) {
        dropped += s == null ? 0 : s.detections().size();
      } else {
        sorted.add(s);
      }
    }
    sorted.sort(
        Comparator.comparingLong(DetectionSample::ptsMicros)); // stable: merge order is input order
    List<Long> times = new ArrayList<>();
    List<Observation[]> rows = new ArrayList<>();
    Map<Long, Observation> lastOfTrack = new HashMap<>();
    for (int i = 0; i < sorted.size(); ) {
      long pts = sorted.get(i).ptsMicros();
      Map<Object, SourceDetection> merged = new LinkedHashMap<>();
      int total = 0;
      for (; i < sorted.size() && sorted.get(i).ptsMicros() == pts; i++) {
        for (SourceDetection raw : sorted.get(i).detections()) {
          total++;
          SourceDetection d = sanitizer.clean(raw);
          if (d != null) {
            // One box per track and frame (keep the most confident); identical untracked boxes
            // once.
            Object key = d.trackId().isPresent() ? (Object) d.trackId().getAsLong() : d;
            merged.merge(key, d, (a, b) -> b.score() > a.score() ? b : a);
          }
        }
      }
      dropped += total - merged.size();
      rows.add(link(pts, times.size(), merged.values(), lastOfTrack));
      times.add(pts);
    }
    return new TimelineIndex(
        times.stream().mapToLong(Long::longValue).toArray(),
        rows.toArray(new Observation[0][]),
        dropped);
  }

  private static Observation[] link(
      long pts,
      int sample,
      Collection<SourceDetection> detections,
      Map<Long, Observation> lastOfTrack) {
    Observation[] row = new Observation[detections.size()];
    int n = 0;
    for (SourceDetection d : detections) {
      Observation o = new Observation(pts, sample, Objects.requireNonNull(d));
      if (o.tracked()) {
        Observation last = lastOfTrack.put(o.track(), o);
        if (last != null) {
          last.next = o;
          o.previous = last;
        }
      }
      row[n++] = o;
    }
    return row;
  }

  int size() {
    return pts.length;
  }

  /** Index of the first sample with pts &gt;= the bound (binary search). */
  int firstAtOrAfter(long bound) {
    int lo = 0;
    int hi = pts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pts[mid] < bound) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
