package io.clipstream.render.detections;

import io.clipstream.render.overlay.OverlayBox;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which boxes to draw on which frame, from the sparse samples of a detector that may run slower
 * than the video. Built once per clip (samples sorted, merged and cleaned, see {@link
 * DetectionSanitizer}); immutable and thread-safe; each lookup is a binary search plus the samples
 * within the look-back window (max(hold, max gap)), so queries may come in any order.
 *
 * <p>For the frame at pts {@code t} with tolerance {@code tol}, a sample "belongs" to the frame
 * when its pts is in {@code [t - tol, t + tol)} ({@code {t}} when tol is 0); of several, the
 * nearest (ties: the earlier) is the frame's matched sample. Then:
 *
 * <ol>
 *   <li>every detection of the matched sample is {@link BoxOrigin#OBSERVED};
 *   <li>a track not in it, whose last observation before the frame and next observation after it
 *       are at most {@code maxInterpolationGap} apart, is {@link BoxOrigin#INTERPOLATED} linearly
 *       between them;
 *   <li>otherwise its last observation is {@link BoxOrigin#HELD} while {@code t - observedPts <=
 *       hold}; later samples that lack the track do not end the hold early (trackers miss single
 *       frames);
 *   <li>untracked detections cannot be matched across samples, so the most recent sample replaces
 *       the untracked set of the ones before it; with no matched sample, the latest earlier
 *       sample's untracked detections are held the same way.
 * </ol>
 *
 * Nothing is ever shown before the frame its first observation belongs to; interpolation only
 * happens between two real observations of the same track.
 */
public final class DetectionTimeline {

  private static final Comparator<TimelineBox> DRAW_ORDER =
      Comparator.comparing((TimelineBox b) -> b.box().trackId().isEmpty())
          .thenComparingLong(b -> b.box().trackId().orElse(0));

  private final TimelineIndex index;
  private final TimelineOptions options;

  private DetectionTimeline(TimelineIndex index, TimelineOptions options) {
    this.index = index;
    this.options = options;
  }

  /**
   * A timeline clamping coordinates to {@value DetectionSanitizer#MAX_COORDINATE} px (frame size
   * unknown).
   */
  public static DetectionTimeline of(Collection<DetectionSample> samples, TimelineOptions options) {
    return of(samples, options, 0, 0);
  }

  /** A timeline clamping coordinates to the source frame; boxes entirely outside it are dropped. */
  public static DetectionTimeline of(
      Collection<DetectionSample> samples,
      TimelineOptions options,
      int sourceWidth,
      int sourceHeight) {
    Objects.requireNonNull(options, "options");
    return new DetectionTimeline(
        TimelineIndex.build(samples, new DetectionSanitizer(sourceWidth, sourceHeight)), options);
  }

  /** The boxes for the frame at {@code ptsMicros}, with the options' tolerance. */
  public List<OverlayBox> boxesAt(long ptsMicros, Set<Long> focusTrackIds) {
    return frameAt(ptsMicros, options.toleranceMicros(), focusTrackIds).overlayBoxes();
  }

  /**
   * The boxes and their origins for the frame at {@code ptsMicros}, with the options' tolerance.
   */
  public TimelineFrame frameAt(long ptsMicros, Set<Long> focusTrackIds) {
    return frameAt(ptsMicros, options.toleranceMicros(), focusTrackIds);
  }

  /**
   * The boxes and their origins for the frame at {@code ptsMicros}, matching samples within {@code
   * toleranceMicros} (half this frame's duration, for variable frame rates).
   */
  public TimelineFrame frameAt(long ptsMicros, long toleranceMicros, Set<Long> focusTrackIds) {
    long t = Math.max(-TimelineIndex.MAX_PTS * 2, Math.min(TimelineIndex.MAX_PTS * 2, ptsMicros));
    long tol = Math.max(0, Math.min(TimelineOptions.FOREVER, toleranceMicros));
    long upper = t + Math.max(tol, 1); // exclusive: samples before it have been seen by this frame
    Set<Long> focus = focusTrackIds == null ? Set.of() : focusTrackIds;
    int end = index.firstAtOrAfter(upper);
    int matched = nearestInWindow(end, t, t - tol);
    List<TimelineBox> out = new ArrayList<>();
    if (matched >= 0) {
      for (Observation o : index.observations[matched]) {
        out.add(FrameBoxes.observed(o, focus));
      }
    } else if (end > 0 && t - index.pts[end - 1] <= options.holdMicros()) {
      for (Observation o : index.observations[end - 1]) {
        if (!o.tracked()) {
          out.add(FrameBoxes.held(o, focus));
        }
      }
    }
    long lookBack =
        Math.max(
            options.holdMicros(), options.interpolate() ? options.maxInterpolationGapMicros() : 0);
    for (int s = end - 1; s >= 0 && t - index.pts[s] <= lookBack; s--) {
      if (s == matched) {
        continue;
      }
      for (Observation o : index.observations[s]) {
        if (o.tracked() && isLatestBefore(o, upper) && !observedIn(o, matched)) {
          TimelineBox box = carry(o, t, focus);
          if (box != null) {
            out.add(box);
          }
        }
      }
    }
    out.sort(DRAW_ORDER);
    return new TimelineFrame(
        ptsMicros, matched >= 0 ? OptionalLong.of(index.pts[matched]) : OptionalLong.empty(), out);
  }

  /** A tracked box not observed on this frame: interpolated, held, or gone (null). */
  private TimelineBox carry(Observation last, long t, Set<Long> focus) {
    Observation next = last.next;
    if (options.interpolate()
        && next != null
        && t > last.pts
        && next.pts - last.pts <= options.maxInterpolationGapMicros()) {
      return FrameBoxes.interpolated(last, next, t, focus);
    }
    return t - last.pts <= options.holdMicros() ? FrameBoxes.held(last, focus) : null;
  }

  /**
   * The track's last observation before the bound: its next one (if any) is at or after the bound.
   */
  private static boolean isLatestBefore(Observation o, long upper) {
    return o.next == null || o.next.pts >= upper;
  }

  /**
   * Whether the same track was also observed in the matched sample (which wins over a later one).
   */
  private static boolean observedIn(Observation o, int matched) {
    if (matched < 0) {
      return false;
    }
    for (Observation p = o; p != null && p.sample >= matched; p = p.previous) {
      if (p.sample == matched) {
        return true;
      }
    }
    return false;
  }

  /**
   * The sample in [from, end) by index whose pts is nearest to t and at least {@code lowest}; -1 if
   * none.
   */
  private int nearestInWindow(int end, long t, long lowest) {
    int best = -1;
    for (int s = end - 1; s >= 0 && index.pts[s] >= lowest; s--) {
      if (best < 0 || Math.abs(index.pts[s] - t) <= Math.abs(index.pts[best] - t)) {
        best = s;
      }
    }
    return best;
  }

  /** Number of samples after merging samples with equal pts. */
  public int sampleCount() {
    return index.size();
  }

  /** Detections dropped while building (invalid coordinates, outside the frame, duplicates). */
  public int droppedDetections() {
    return index.dropped;
  }

  public TimelineOptions options() {
    return options;
  }
}
