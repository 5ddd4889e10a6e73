package io.clipstream.recorder;

import io.clipstream.media.AtomicFiles;
import io.clipstream.media.FFmpegRuntime;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one camera's live input into MP4 segments by stream copy (no decoding, no re-encoding):
 * the media side of a live recorder. Its own daemon thread connects, copies the video packets into
 * the current segment, cuts a new segment at the first keyframe at or after {@link
 * RecorderSettings#segmentLength()} since the current one's first frame, and reconnects with
 * exponential backoff when the input drops, until {@link #close()}.
 *
 * <p>Segments are anchored on the wall clock (see {@link WallClockAnchor}): the input's own capture
 * time when it has one, else the arrival times of its packets on {@code clock}. They are contiguous
 * within one connection; a dropped input leaves a gap between the segment delivered at the loss and
 * the first segment after the reconnection, which starts with a keyframe.
 *
 * <p>Memory is bounded: one packet at a time travels from the demuxer to the muxer; the muxer keeps
 * the segment's sample index only. The sink is called on the recorder's thread.
 */
public final class CameraRecorder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CameraRecorder.class);

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Arrival times are watched this long after connecting before the wall-clock anchor is fixed. */
  static final long ANCHOR_WINDOW_MICROS = 1_000_000;

  /** Timestamps going back further than this start a new timeline (a restarted encoder). */
  private static final long DISCONTINUITY_MICROS = 1_000_000;

  private final String cameraId;
  private final String inputUrl;
  private final RecorderSettings settings;
  private final SegmentSink sink;
  private final Clock clock;
  private final Path directory;
  private final StatsCounter stats = new StatsCounter();
  private final CountDownLatch closeSignal = new CountDownLatch(1);
  private volatile boolean closing;
  private Thread thread;

  /** Recorder thread only: a keyframe was received on some connection. */
  private boolean everReceived;

  public CameraRecorder(
      String cameraId, String inputUrl, RecorderSettings settings, SegmentSink sink, Clock clock) {
    this.cameraId = Objects.requireNonNull(cameraId, "cameraId");
    this.inputUrl = Objects.requireNonNull(inputUrl, "inputUrl");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!CAMERA_ID.matcher(cameraId).matches()) {
      throw new IllegalArgumentException(
          "cameraId must be 1-128 of [A-Za-z0-9._-], starting with a letter or digit (it names"
              + " files): '"
              + cameraId
              + "'");
    }
    if (inputUrl.isBlank()) {
      throw new IllegalArgumentException("inputUrl is blank for camera " + cameraId);
    }
    this.directory = settings.workDir().resolve(cameraId);
  }

  /** Starts the recorder's daemon thread. */
  public synchronized void start() {
    if (closing) {
      throw new IllegalStateException("Recorder of camera " + cameraId + " is closed");
    }
    if (thread != null) {
      throw new IllegalStateException("Recorder of camera " + cameraId + " already started");
    }
    thread = new Thread(this::run, "clipstream-record-" + cameraId);
    thread.setDaemon(true);
    thread.start();
  }

  public RecorderStats stats() {
    return stats.snapshot();
  }

  /**
   * Stops: a blocking read is interrupted at once, the segment being written is closed and
   * delivered (if it has at least one frame), and the thread is joined. Idempotent. Called from the
   * sink (the recorder's own thread), it only asks the thread to stop.
   */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      closing = true;
      closeSignal.countDown();
      running = thread;
    }
    if (running == null || running == Thread.currentThread()) {
      return;
    }
    Duration limit =
        settings.readTimeout().plus(LiveInput.PROBE_ALLOWANCE).plus(Duration.ofSeconds(30));
    try {
      running.join(limit.toMillis());
      if (running.isAlive()) {
        LOG.warn(
            "Camera {}: recorder thread did not stop within {} s", cameraId, limit.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    LOG.info("Camera {}: recording {} into {}", cameraId, LiveInput.redact(inputUrl), directory);
    try {
      FFmpegRuntime.init();
      prepareDirectory();
      Backoff backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
      while (!closing) {
        Connection connection = null;
        String reason = null;
        try (LiveInput input = LiveInput.open(inputUrl, settings.readTimeout(), () -> closing)) {
          connection = new Connection(input, everReceived, backoff);
          try {
            reason = connection.pump();
          } catch (RuntimeException e) {
            reason = message(e);
            LOG.debug("Camera {}: connection failed", cameraId, e);
          } finally {
            connection.finish();
          }
        } catch (RuntimeException e) {
          reason = message(e);
        }
        if (closing) {
          break;
        }
        boolean received = connection != null && connection.received();
        Duration delay = backoff.next();
        if (received) {
          everReceived = true;
          stats.connected(false);
          Instant gapStart = connection.lastFrameEnd();
          LOG.warn(
              "Camera {}: input lost ({}); gap from {}; reconnecting in {} ms",
              cameraId,
              reason,
              gapStart,
              delay.toMillis());
          String why = reason;
          deliver("inputLost", () -> sink.inputLost(cameraId, gapStart, why));
        } else {
          LOG.warn(
              "Camera {}: cannot record from {} ({}); retrying in {} ms",
              cameraId,
              LiveInput.redact(inputUrl),
              reason,
              delay.toMillis());
        }
        if (closeSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      LOG.error("Camera {}: recorder stopped unexpectedly", cameraId, e);
    } finally {
      stats.connected(false);
      LOG.info("Camera {}: recorder stopped", cameraId);
    }
  }

  private void prepareDirectory() throws IOException {
    Files.createDirectories(directory);
    // temporary files of a previous run that died mid-segment (see AtomicFiles.temporarySibling)
    String prefix = "." + cameraId + ".mp4.";
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, prefix + "*.part")) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
        LOG.info("Camera {}: deleted unfinished segment {}", cameraId, leftover);
      }
    }
  }

  private void deliver(String what, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.error("Camera {}: segment sink failed in {}", cameraId, what, e);
    }
  }

  private static String message(RuntimeException e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private static Instant instant(long epochMicros) {
    return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
  }

  /** The state of one connection to the input. */
  private final class Connection {

    private final LiveInput input;
    private final boolean reconnection;
    private final Backoff backoff;
    private final int tbNum;
    private final int tbDen;
    private final double nominalFps;
    private final long segmentMicros = settings.segmentLength().toNanos() / 1000;
    private WallClockAnchor anchor = new WallClockAnchor();
    private Segment open;

    /** Finished segments waiting for the anchor (bounded: those of the first second). */
    private final java.util.List<Segment> finished = new java.util.ArrayList<>();

    private long firstKeyPts = Long.MIN_VALUE;
    private boolean restoredSent;
    private long previousPts = Long.MIN_VALUE;
    private long measuredPeriodTicks = Long.MAX_VALUE;
    private long maxWrittenPts = Long.MIN_VALUE;

    /** Since the anchor was fixed: the most negative arrival minus estimated capture time. */
    private long earliestResidual;

    Connection(LiveInput input, boolean reconnection, Backoff backoff) {
      this.input = input;
      this.reconnection = reconnection;
      this.backoff = backoff;
      this.tbNum = input.timeBase().num();
      this.tbDen = input.timeBase().den();
      this.nominalFps = input.nominalFps();
    }

    /** Copies packets until the input ends, fails or the recorder closes; says why it stopped. */
    String pump() throws InterruptedException {
      AVPacket packet = avcodec.av_packet_alloc();
      try {
        int video = input.stream().index();
        long lastPacket = System.nanoTime();
        while (!closing) {
          input.arm(settings.readTimeout());
          int ret = input.read(packet);
          if (ret == LiveInput.EAGAIN) {
            if (System.nanoTime() - lastPacket > settings.readTimeout().toNanos()) {
              return "no packet within the read timeout";
            }
            closeSignal.await(5, TimeUnit.MILLISECONDS);
            continue;
          }
          if (ret < 0) {
            return closing ? "closing" : input.describe(ret);
          }
          lastPacket = System.nanoTime();
          try {
            if (packet.stream_index() == video) {
              onPacket(packet, nowMicros());
            }
          } finally {
            avcodec.av_packet_unref(packet);
          }
        }
        return "closing";
      } finally {
        avcodec.av_packet_free(packet);
      }
    }

    private void onPacket(AVPacket packet, long arrivalMicros) {
      long pts = packet.pts() != avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
      if (pts == avutil.AV_NOPTS_VALUE) {
        long period = periodTicks();
        if (previousPts == Long.MIN_VALUE || period <= 0) {
          return; // no time at all: cannot place it
        }
        pts = previousPts + period;
      }
      long dts = packet.dts() != avutil.AV_NOPTS_VALUE ? packet.dts() : pts;
      boolean key = (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0;
      anchor.observe(arrivalMicros, micros(pts));
      if (anchor.frozen()) {
        earliestResidual =
            Math.min(earliestResidual, arrivalMicros - anchor.wallMicros(micros(pts)));
      }
      measurePeriod(pts);
      if (open != null && dts <= open.muxer.lastDts()) {
        if (micros(open.muxer.lastDts() - dts) <= DISCONTINUITY_MICROS) {
          LOG.debug("Camera {}: dropped a packet with non-increasing dts {}", cameraId, dts);
          return;
        }
        LOG.warn(
            "Camera {}: timestamps went back by {} ms; starting a new timeline",
            cameraId,
            micros(open.muxer.lastDts() - dts) / 1000);
        closeSegment();
        anchor = new WallClockAnchor();
        anchor.observe(arrivalMicros, micros(pts));
        maxWrittenPts = Long.MIN_VALUE;
      }
      if (open == null) {
        if (!key) {
          return; // a segment starts with a keyframe: a decoder cannot start elsewhere
        }
        if (firstKeyPts == Long.MIN_VALUE) {
          firstKeyPts = pts;
          backoff.reset();
          stats.connected(true);
        }
        openSegment(pts);
      } else if (key && micros(pts) - micros(open.firstPts) >= segmentMicros) {
        closeSegment();
        openSegment(pts);
      }
      int size = packet.size();
      try {
        open.muxer.write(packet, pts, dts, periodTicks());
      } catch (RuntimeException e) {
        abortSegment();
        throw e;
      }
      open.frames++;
      open.maxPts = Math.max(open.maxPts, pts);
      maxWrittenPts = Math.max(maxWrittenPts, pts);
      stats.packet(size, micros(dts));
      if (!anchor.frozen() && anchor.observedForMicros(arrivalMicros) >= ANCHOR_WINDOW_MICROS) {
        settle();
      } else if (anchor.frozen() && !restoredSent) {
        settle();
      }
    }

    /** Fixes the wall-clock anchor; announces the restored input once it has a keyframe. */
    private void settle() {
      if (!anchor.frozen()) {
        anchor.freeze(input.startTimeRealtime());
        LOG.debug(
            "Camera {}: wall-clock anchor from {} (arrival estimate {} us)",
            cameraId,
            anchor.fromInput() ? "the input's capture time" : "packet arrival",
            anchor.estimateMicros());
      }
      if (reconnection && !restoredSent && firstKeyPts != Long.MIN_VALUE) {
        restoredSent = true;
        int reconnects = (int) stats.reconnected();
        Instant first = instant(anchor.wallMicros(micros(firstKeyPts)));
        LOG.info("Camera {}: input restored at {} (reconnection {})", cameraId, first, reconnects);
        deliver("inputRestored", () -> sink.inputRestored(cameraId, first, reconnects));
      } else if (!reconnection) {
        restoredSent = true; // the first connection is not a restoration
      }
      deliverFinished();
    }

    private void openSegment(long pts) {
      long tolerance = Math.max(20_000, Math.round(periodMicros()));
      if (anchor.frozen() && !anchor.fromInput() && earliestResidual < -tolerance) {
        // a frame arrived before the capture time the anchor gives it: the anchor is too late
        // (it was fixed during a burst, or the camera's clock runs fast). Correct it here, where
        // the correction shows as an overlap with the previous segment.
        anchor.correct(earliestResidual);
        LOG.info(
            "Camera {}: wall clock moved {} ms earlier (frames arrived before their estimated"
                + " capture time)",
            cameraId,
            -earliestResidual / 1000);
      }
      earliestResidual = 0;
      if (anchor.frozen() && !anchor.fromInput()) {
        long realtime = input.startTimeRealtime();
        if (realtime != Long.MIN_VALUE) {
          long change = anchor.switchToInput(realtime);
          LOG.info(
              "Camera {}: the input now gives its capture time; wall clock moved by {} ms",
              cameraId,
              change / 1000);
        }
      }
      Path temp = AtomicFiles.temporarySibling(directory.resolve(cameraId + ".mp4"));
      AVCodecParameters par = input.codecParameters();
      try {
        SegmentMuxer muxer = SegmentMuxer.create(temp, par, input.timeBase(), fps(), pts);
        open = new Segment(temp, muxer, pts, par.width(), par.height(), input.codecName(), fps());
      } catch (RuntimeException e) {
        deleteQuietly(temp);
        throw e;
      }
    }

    /**
     * Finishes the open segment. It is delivered once the wall-clock anchor is fixed (its start and
     * its file name depend on it): at once, or within {@link #ANCHOR_WINDOW_MICROS} of the
     * connection's first packet, or when the connection ends.
     */
    private void closeSegment() {
      Segment segment = open;
      open = null;
      try {
        segment.muxer.finish();
        finished.add(segment);
      } catch (RuntimeException e) {
        LOG.error("Camera {}: could not finish a segment; its frames are lost", cameraId, e);
        segment.muxer.close();
        deleteQuietly(segment.temp);
      }
      if (anchor.frozen()) {
        deliverFinished();
      }
    }

    private void deliverFinished() {
      while (!finished.isEmpty()) {
        deliverSegment(finished.remove(0));
      }
    }

    private void deliverSegment(Segment segment) {
      try {
        long startMicros = anchor.wallMicros(micros(segment.firstPts));
        long durationMicros =
            micros(segment.maxPts) - micros(segment.firstPts) + Math.round(periodMicros());
        Instant start = instant(startMicros);
        Instant end = instant(startMicros + durationMicros);
        Path target = uniqueTarget(start);
        AtomicFiles.moveIntoPlace(segment.temp, target);
        long bytes = Files.size(target);
        double fps = segment.fps > 0 ? segment.fps : fps();
        RecordedSegment closed =
            new RecordedSegment(
                cameraId,
                target,
                start,
                end,
                fps,
                segment.width,
                segment.height,
                segment.codec,
                bytes,
                segment.frames);
        stats.segment(bytes);
        LOG.info(
            "Camera {}: segment {} start {} duration {} s, {} frames, {} bytes",
            cameraId,
            target,
            start,
            String.format(java.util.Locale.ROOT, "%.3f", durationMicros / 1e6),
            segment.frames,
            bytes);
        deliver("segmentClosed", () -> sink.segmentClosed(closed));
      } catch (IOException | RuntimeException e) {
        LOG.error("Camera {}: could not deliver a segment; its frames are lost", cameraId, e);
        deleteQuietly(segment.temp);
      }
    }

    private void abortSegment() {
      if (open != null) {
        open.muxer.close();
        deleteQuietly(open.temp);
        open = null;
      }
    }

    /** Closes and delivers the open segment at the end of the connection. */
    void finish() {
      try {
        if (open != null) {
          closeSegment();
        }
        if (anchor.observed() && firstKeyPts != Long.MIN_VALUE) {
          settle();
        }
      } catch (RuntimeException e) {
        LOG.error("Camera {}: could not close the connection's last segment", cameraId, e);
        abortSegment();
      }
    }

    boolean received() {
      return firstKeyPts != Long.MIN_VALUE;
    }

    /** End of the last frame written (its capture time plus one frame period). */
    Instant lastFrameEnd() {
      if (maxWrittenPts == Long.MIN_VALUE || !anchor.frozen()) {
        return clock.instant();
      }
      return instant(anchor.wallMicros(micros(maxWrittenPts)) + Math.round(periodMicros()));
    }

    private Path uniqueTarget(Instant start) {
      String base = cameraId + "-" + FILE_TIME.format(start);
      Path target = directory.resolve(base + ".mp4");
      for (int n = 1; Files.exists(target); n++) {
        target = directory.resolve(base + "-" + n + ".mp4");
      }
      return target;
    }

    private void measurePeriod(long pts) {
      if (previousPts != Long.MIN_VALUE) {
        long delta = Math.abs(pts - previousPts);
        if (delta > 0 && delta < measuredPeriodTicks) {
          measuredPeriodTicks = delta;
        }
      }
      previousPts = pts;
    }

    /** The frame rate: the stream's nominal one, else measured from packet times, else 0. */
    private double fps() {
      if (nominalFps > 0) {
        return nominalFps;
      }
      double period = periodMicros();
      return period > 0 ? 1_000_000.0 / period : 0;
    }

    private double periodMicros() {
      if (nominalFps > 0) {
        return 1_000_000.0 / nominalFps;
      }
      return measuredPeriodTicks == Long.MAX_VALUE
          ? 0
          : measuredPeriodTicks * 1_000_000.0 * tbNum / tbDen;
    }

    private long periodTicks() {
      return Math.round(periodMicros() / 1_000_000.0 * tbDen / tbNum);
    }

    private long micros(long ticks) {
      return Math.round(ticks * 1_000_000.0 * tbNum / tbDen);
    }
  }

  /** The segment being written. */
  private static final class Segment {
    final Path temp;
    final SegmentMuxer muxer;
    final long firstPts;
    final int width;
    final int height;
    final String codec;
    final double fps;
    long maxPts;
    long frames;

    Segment(
        Path temp,
        SegmentMuxer muxer,
        long firstPts,
        int width,
        int height,
        String codec,
        double fps) {
      this.temp = temp;
      this.muxer = muxer;
      this.firstPts = firstPts;
      this.maxPts = firstPts;
      this.width = width;
      this.height = height;
      this.codec = codec;
      this.fps = fps;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", file, e.getMessage());
    }
  }
}
