package io.clipstream.render;

import io.clipstream.media.VideoFrame;
import io.clipstream.media.YuvFrames;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the frames of one pass on its own thread, at most {@link #FRAMES} pictures ahead of the
 * render thread, so that decoding overlaps drawing and encoding as it does in the ffmpeg CLI.
 *
 * <p>The decoder overwrites its picture on every call, so each frame is copied into one of a fixed
 * pool of {@link #FRAMES} packed pictures on the Java heap (the memory stays bounded: at 1080p
 * about 18 MiB per render, counted by the heap's limit). When every picture of the pool is queued
 * or held by the render thread, the decoder waits. A picture returns to the pool when the render
 * thread asks for the next frame.
 *
 * <p>The thread reads the given intervals in order (seeking between them as the render thread did
 * before), skipping the rest of an interval nobody wants any more (its clips failed). A decoder
 * error is handed over and thrown by {@link #next()} unchanged; {@link #close()} stops the thread
 * and waits for it, so the decoder is never touched after close returns.
 */
final class DecodeAhead implements FrameFeed {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeAhead.class);

  /**
   * Pictures in the pool. x264 takes 10-30 ms per 1080p frame and the decoder a few: a handful of
   * frames absorbs the decoder's uneven times (keyframes, seeks); more only costs memory.
   */
  static final int FRAMES = 6;

  /** A stretch of presentation times [from, to) to decode, while {@code wanted} says so. */
  record Interval(long from, long to, BooleanSupplier wanted) {}

  /** A decoded frame in a picture of the pool. */
  private record Decoded(VideoFrame frame, YuvFrames.Packed picture) {}

  /** What the thread hands over besides frames: the end of the pass, or why it stopped. */
  private record End(Throwable failure) {}

  private static final YuvFrames.Packed STOP = YuvFrames.allocatePackedOnHeap(2, 2);

  private final IntervalReader reader;
  private final int width;
  private final int height;
  private final BlockingQueue<YuvFrames.Packed> free = new LinkedBlockingQueue<>();
  private final BlockingQueue<Object> ready = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean waitingForPicture;
  private volatile long framesRead;
  private int allocated;
  private long copyNanos;
  private YuvFrames.Packed held;
  private boolean ended;

  /**
   * Starts decoding at once.
   *
   * @param cursor the decoder, used only by the new thread until {@link #close()} returns
   * @param width width of the pictures the decoder delivers
   * @param height their height
   */
  DecodeAhead(FrameCursor cursor, List<Interval> intervals, int width, int height, String name) {
    this.reader = new IntervalReader(cursor, intervals);
    this.width = width;
    this.height = height;
    this.thread = new Thread(this::decode, "decode-ahead " + name);
    thread.setDaemon(true); // close() ends it; daemon only so a stuck native call cannot hold exit
    thread.start();
  }

  /**
   * The next frame of the intervals in presentation order, or null when they are over (or the file
   * ended). The frame stays valid until the next call. Throws what the decoder threw.
   */
  @Override
  public VideoFrame next() throws InterruptedException {
    if (held != null) {
      free.add(held);
      held = null;
    }
    if (ended) {
      return null;
    }
    Object item = ready.take();
    if (item instanceof End end) {
      ended = true;
      if (end.failure() == null) {
        return null;
      }
      throw rethrowable(end.failure());
    }
    Decoded decoded = (Decoded) item;
    held = decoded.picture();
    return decoded.frame();
  }

  private void decode() {
    Throwable failure = null;
    try {
      while (!stopping) {
        YuvFrames.Packed picture = picture();
        if (picture == STOP) {
          break;
        }
        VideoFrame frame = reader.next();
        if (frame == null) {
          free.add(picture);
          break;
        }
        long copyStart = System.nanoTime();
        YuvFrames.copy(frame.image(), picture.image());
        copyNanos += System.nanoTime() - copyStart;
        framesRead++;
        ready.add(
            new Decoded(
                new VideoFrame(frame.ptsMicros(), picture.image(), frame.keyFrame()), picture));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e; // for the render thread: it fails its clips with it, as before
    }
    ready.add(new End(failure));
  }

  /** A free picture of the pool: a new one while the pool is not full, else the next returned. */
  private YuvFrames.Packed picture() throws InterruptedException {
    YuvFrames.Packed picture = free.poll();
    if (picture != null) {
      return picture;
    }
    if (allocated < FRAMES) {
      allocated++;
      return YuvFrames.allocatePackedOnHeap(width, height);
    }
    waitingForPicture = true;
    try {
      return free.take();
    } finally {
      waitingForPicture = false;
    }
  }

  /**
   * True while the decoder waits for the render thread to return a picture: the pool is full (tests
   * use it to see the bound hold).
   */
  boolean waitingForPicture() {
    return waitingForPicture;
  }

  /** Frames decoded into the pool so far. */
  @Override
  public long framesRead() {
    return framesRead;
  }

  /** Stops the decoder (if still running) and waits for its thread to end. */
  @Override
  public void close() {
    stopping = true;
    free.add(STOP); // wakes a decoder waiting for a picture; checked between frames otherwise
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // the decoder must be idle before anyone else touches it: keep waiting
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    LOG.debug(
        "Decode ahead {}: {} frames, decoder busy {} ms, copies {} ms, pool {} pictures",
        thread.getName(),
        framesRead,
        reader.busyNanos() / 1_000_000,
        copyNanos / 1_000_000,
        allocated);
  }

  private static RuntimeException rethrowable(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      return e;
    }
    throw (Error) failure;
  }
}
