package io.clipstream.render.output;

import io.clipstream.image.YuvImage;
import io.clipstream.media.YuvFrames;
import io.clipstream.render.overlay.OverlayBox;
import java.util.List;
import java.util.Set;

/**
 * Keeps a copy of the best thumbnail candidate seen so far: a frame inside the event showing the
 * most focus-track boxes (any box when the event names no track); the earliest wins ties. One
 * picture of memory, copied only when a better frame arrives.
 */
public final class ThumbnailPicker {

  private final Set<Long> focusTracks;
  private YuvFrames.Packed best;
  private int bestScore = Integer.MIN_VALUE;
  private int bestIndex = -1;

  public ThumbnailPicker(Set<Long> focusTracks) {
    this.focusTracks = focusTracks;
  }

  /** Offers the painted output frame {@code index}. */
  public void offer(YuvImage painted, int index, boolean inEvent, List<OverlayBox> boxes) {
    int score = inEvent ? score(boxes) : -1;
    if (score <= bestScore) {
      return;
    }
    if (best == null) {
      best = YuvFrames.allocatePacked(painted.width(), painted.height());
    }
    YuvFrames.copy(painted, best.image());
    bestScore = score;
    bestIndex = index;
  }

  private int score(List<OverlayBox> boxes) {
    int score = 0;
    for (OverlayBox box : boxes) {
      if (focusTracks.isEmpty()
          || (box.trackId().isPresent() && focusTracks.contains(box.trackId().getAsLong()))) {
        score++;
      }
    }
    return score;
  }

  public boolean hasPicture() {
    return best != null;
  }

  public YuvFrames.Packed picture() {
    return best;
  }

  /** Output frame index of the thumbnail, -1 when none. */
  public int frameIndex() {
    return bestIndex;
  }
}
