package io.clipstream.render;

import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each source once for every clip that needs it: one pass per file reads the union of the
 * clips' ranges in presentation order and hands each frame to every clip whose range contains it
 * (ranges may overlap). Between ranges the decoder seeks, or decodes on when the next range is
 * close. A clip is completed as soon as its last range ends, so only clips being written hold an
 * encoder.
 */
final class SharedDecode {

  private static final Logger LOG = LoggerFactory.getLogger(SharedDecode.class);

  private final DecoderCache cache;
  private final DecodeMode mode;

  SharedDecode(DecoderCache cache, DecodeMode mode) {
    this.cache = cache;
    this.mode = mode;
  }

  void run(List<DecodeJob> jobs) {
    for (List<DecodeJob.Range> pass : PassOrder.passes(jobs)) {
      execute(pass);
    }
    for (DecodeJob job : jobs) {
      if (!job.done()) {
        job.fail(
            new IllegalStateException(
                "Clip " + job.writer.request().clipId() + " was not completed"));
      }
    }
  }

  private void execute(List<DecodeJob.Range> ranges) {
    ranges.sort(Comparator.comparingLong(DecodeJob.Range::from));
    PlannedSource first = ranges.get(0).source();
    VideoSource source;
    try {
      // Native size is asked as 0x0, the same key as the probe, so the probed decoder is reused.
      source =
          cache.acquire(
              first.source().uri(),
              first.scaled() ? first.decodeWidth() : 0,
              first.scaled() ? first.decodeHeight() : 0);
    } catch (RuntimeException e) {
      ranges.forEach(r -> r.job().fail(e));
      return;
    }
    long decodedBefore = source.decodedFrames();
    boolean healthy = false;
    try {
      sweep(source, ranges, mode);
      healthy = true;
    } catch (RuntimeException e) {
      ranges.forEach(
          r -> r.job().fail(e)); // the decoder broke: every clip still waiting on it fails
    } finally {
      LOG.debug(
          "Pass over {} for {} range(s): {} frames decoded",
          first.source().uri(),
          ranges.size(),
          source.decodedFrames() - decodedBefore);
      if (healthy) {
        cache.release(source);
      } else {
        cache.discard(source);
      }
    }
  }

  /**
   * Hands every frame of the pass to the clips whose ranges contain it. The frames come from the
   * union of the ranges, decoded as {@code mode} says; the render thread's time waiting for a frame
   * (all of the decoding when inline) counts as the clips' decode time.
   */
  private static void sweep(VideoSource source, List<DecodeJob.Range> ranges, DecodeMode mode) {
    String uri = ranges.get(0).source().source().uri();
    // The file's name for the thread, without a presigned URL's query (a credential).
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    String name = path.substring(path.lastIndexOf('/') + 1);
    FrameCursor cursor = FrameCursor.of(source);
    try (FrameFeed feed =
        mode == DecodeMode.INLINE
            ? new DecodeInline(cursor, intervals(ranges), name)
            : new DecodeAhead(cursor, intervals(ranges), source.width(), source.height(), name)) {
      sweep(feed, ranges);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while rendering from " + name + ": the renderer is shutting down", e);
    }
  }

  private static void sweep(FrameFeed feed, List<DecodeJob.Range> ranges)
      throws InterruptedException {
    List<DecodeJob.Range> active = new ArrayList<>();
    int next = 0;
    while (true) {
      long waitStart = System.nanoTime();
      VideoFrame frame = feed.next();
      long waitNanos = System.nanoTime() - waitStart;
      if (frame == null) {
        break;
      }
      long pts = frame.ptsMicros();
      while (next < ranges.size() && ranges.get(next).from() <= pts) {
        DecodeJob.Range r = ranges.get(next++);
        start(r, waitStart); // the wait for its first frame (a seek, perhaps) is part of the clip
        active.add(r);
      }
      for (Iterator<DecodeJob.Range> it = active.iterator(); it.hasNext(); ) {
        DecodeJob.Range r = it.next();
        if (r.to() <= pts || r.job().done()) {
          it.remove();
          complete(r);
        }
      }
      for (DecodeJob.Range r : active) {
        try {
          long encodeStart = System.nanoTime();
          r.job().writer.accept(frame);
          r.job().encodeNanos += System.nanoTime() - encodeStart;
          r.job().decodeNanos += waitNanos;
        } catch (RuntimeException e) {
          r.job().fail(e); // one clip's encoder failing does not stop the others
        }
      }
    }
    // The pass is over (or the file ended): ranges still open end here, as do those no frame
    // reached.
    active.forEach(SharedDecode::complete);
    while (next < ranges.size()) {
      DecodeJob.Range r = ranges.get(next++);
      start(r, System.nanoTime());
      complete(r);
    }
  }

  /**
   * The union of the ranges as sorted, disjoint intervals; each is wanted while a clip reading it
   * is still being written (a failed clip stops the decoding of what only it needed).
   */
  static List<DecodeAhead.Interval> intervals(List<DecodeJob.Range> sorted) {
    List<DecodeAhead.Interval> intervals = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      long from = sorted.get(i).from();
      long to = sorted.get(i).to();
      List<DecodeJob> jobs = new ArrayList<>();
      while (i < sorted.size() && sorted.get(i).from() < to) {
        to = Math.max(to, sorted.get(i).to());
        jobs.add(sorted.get(i++).job());
      }
      intervals.add(
          new DecodeAhead.Interval(from, to, () -> jobs.stream().anyMatch(job -> !job.done())));
    }
    return intervals;
  }

  private static void start(DecodeJob.Range range, long startNanos) {
    DecodeJob job = range.job();
    if (job.done()) {
      return;
    }
    if (job.startNanos == 0) {
      job.startNanos = startNanos;
    }
    job.writer.beginSource(range.source());
  }

  private static void complete(DecodeJob.Range range) {
    DecodeJob job = range.job();
    if (--job.remaining == 0 && !job.done()) {
      job.finish();
    }
  }
}
