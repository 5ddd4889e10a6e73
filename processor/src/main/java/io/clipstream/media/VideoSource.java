package io.clipstream.media;

import io.clipstream.image.YuvImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the video stream of one file or URI into YUV420P pictures with their real presentation
 * times.
 *
 * <p>Times are microseconds on the file's local timeline: 0 is the video stream's start time, so
 * the first frame is at (or very near) 0 whatever the container's clock. {@link #seekTo} positions
 * the source so that {@link #next()} returns the first frame whose time is at or after the target:
 * it seeks to the keyframe before the target and decodes forward, or simply continues forward when
 * that is cheaper. Single owner: not thread-safe.
 */
public final class VideoSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VideoSource.class);

  /** Without a seek index, a target this close ahead is reached by decoding rather than seeking. */
  private static final long FORWARD_WITHOUT_INDEX_MICROS = 5_000_000L;

  private final CountingGrabber grabber;
  private final VideoInfo info;
  private final AVStream stream;
  private final long containerStartMicros;
  private final int outWidth;
  private final int outHeight;
  private final SeekIndex index;
  private VideoFrame current;
  private boolean pushedBack;
  private boolean ended;

  /**
   * Presentation time of the last frame handed out (none after it has been); MIN_VALUE when none.
   */
  private long consumedUpTo = Long.MIN_VALUE;

  private long consumedBeforeCurrent = Long.MIN_VALUE;
  private long seeks;
  private AVFrame viewedFrame;
  private long viewedAddress;
  private YuvImage view;

  private VideoSource(
      CountingGrabber grabber,
      VideoInfo info,
      AVStream stream,
      long containerStartMicros,
      int outWidth,
      int outHeight) {
    this.grabber = grabber;
    this.info = info;
    this.stream = stream;
    this.containerStartMicros = containerStartMicros;
    this.outWidth = outWidth;
    this.outHeight = outHeight;
    this.index = new SeekIndex(stream);
  }

  /** Opens a file or URI at its native size. */
  public static VideoSource open(String uri) {
    return open(uri, 0, 0);
  }

  /**
   * Opens a file or URI; a positive {@code width} and {@code height} make the decoder scale every
   * picture to that size (swscale, bilinear), used to join sources of different resolutions.
   */
  public static VideoSource open(String uri, int width, int height) {
    FFmpegRuntime.init();
    if (!uri.contains("://") && !Files.isRegularFile(Path.of(uri))) {
      throw new MediaException("open", 0, uri, "no such file; check the path");
    }
    CountingGrabber grabber = new CountingGrabber(uri);
    grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    if (width > 0 && height > 0) {
      grabber.setImageWidth(width);
      grabber.setImageHeight(height);
    }
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      closeQuietly(grabber);
      throw wrap(
          "avformat_open_input/avformat_find_stream_info",
          e,
          uri,
          "not a readable video: check the file is complete and its codec is supported");
    }
    AVFormatContext format = grabber.getFormatContext();
    String demuxer =
        format.iformat() == null || format.iformat().name() == null
            ? ""
            : format.iformat().name().getString();
    if (demuxer.startsWith("image2") || demuxer.endsWith("_pipe")) {
      // FFmpeg opens a picture as a one-frame "video": a clip would be that still, or nothing.
      closeQuietly(grabber);
      throw new MediaException(
          "find video stream",
          0,
          uri,
          "the file is a still image (FFmpeg reads it with "
              + demuxer
              + "), not a video recording");
    }
    AVStream stream = StreamInfo.firstVideoStream(format);
    if (stream == null || !grabber.hasVideo()) {
      closeQuietly(grabber);
      throw new MediaException("find video stream", 0, uri, "the file has no video stream");
    }
    VideoInfo info = StreamInfo.describe(uri, grabber, format, stream);
    long containerStart = format.start_time() == avutil.AV_NOPTS_VALUE ? 0 : format.start_time();
    LOG.debug(
        "Opened {}: {}x{} @ {} fps, {} us, start {} us",
        UrlRedaction.redact(uri), // a presigned URL's query is a credential
        info.width(),
        info.height(),
        info.frameRate(),
        info.durationMicros(),
        info.startMicros());
    return new VideoSource(
        grabber,
        info,
        stream,
        containerStart,
        width > 0 ? width : info.width(),
        height > 0 ? height : info.height());
  }

  public VideoInfo info() {
    return info;
  }

  /**
   * A tag the file carries (FFmpeg's container metadata, else the video stream's), such as {@code
   * creation_time}; empty when unset.
   */
  public java.util.Optional<String> tag(String key) {
    String value = grabber.getMetadata(key);
    if (value == null || value.isBlank()) {
      value = grabber.getVideoMetadata(key);
    }
    return java.util.Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  /** Width of the pictures this source delivers (the scaled size when opened with one). */
  public int width() {
    return outWidth;
  }

  public int height() {
    return outHeight;
  }

  /**
   * Positions the source so that the next {@link #next()} returns the first frame with a
   * presentation time at or after {@code fromMicros}. Decodes forward when the keyframe before the
   * target is not ahead of the current position; otherwise seeks to that keyframe and decodes
   * forward from there.
   */
  public void seekTo(long fromMicros) {
    if (!canContinueForwardTo(fromMicros)) {
      seeks++;
      long target = info.startMicros() + Math.max(0, fromMicros) - containerStartMicros;
      try {
        grabber.seekBackwardAndDecodeTo(target);
      } catch (FrameGrabber.Exception | RuntimeException e) {
        throw wrap(
            "avformat_seek_file", e, info.uri(), "the file may be truncated or not seekable");
      }
      pushedBack = false;
      ended = false;
      current = null;
      // JavaCV may have decoded and dropped frames before the target: they count as consumed.
      consumedUpTo = fromMicros - 1;
    }
    VideoFrame frame;
    while ((frame = next()) != null && frame.ptsMicros() < fromMicros) {
      // decoded only to reach the target: dropped
    }
    if (frame != null) {
      pushBack();
    }
  }

  private boolean canContinueForwardTo(long fromMicros) {
    if (ended || consumedUpTo >= fromMicros) {
      return false; // frames at or after the target were already handed out: go back
    }
    long here = Math.max(consumedUpTo, index.firstKeyframe());
    if (index.isEmpty()) {
      return fromMicros - Math.max(consumedUpTo, 0) <= FORWARD_WITHOUT_INDEX_MICROS;
    }
    // Seeking would restart at the keyframe before the target; if that is not ahead of us, it saves
    // nothing.
    return index.keyframeAtOrBefore(fromMicros) <= here;
  }

  /** The next frame in presentation order, or null at the end of the stream. */
  public VideoFrame next() {
    if (pushedBack) {
      pushedBack = false;
      consumedUpTo = current.ptsMicros();
      return current;
    }
    if (ended) {
      return null;
    }
    org.bytedeco.javacv.Frame grabbed;
    try {
      grabbed = grabber.grabImage();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw wrap(
          "av_read_frame/avcodec_receive_frame",
          e,
          info.uri(),
          "the file may be corrupt or truncated");
    }
    if (grabbed == null || grabbed.image == null) {
      ended = true;
      current = null;
      return null;
    }
    AVFrame picture = (AVFrame) grabbed.opaque;
    long pts = localMicros(picture.best_effort_timestamp(), grabbed.timestamp);
    current = new VideoFrame(pts, viewOf(picture), grabbed.keyFrame);
    consumedBeforeCurrent = consumedUpTo;
    consumedUpTo = pts;
    return current;
  }

  /**
   * Makes the frame last returned by {@link #next()} come back on the next call (one frame of
   * lookahead).
   */
  public void pushBack() {
    if (current == null || pushedBack) {
      throw new IllegalStateException("No frame to push back");
    }
    pushedBack = true;
    consumedUpTo = consumedBeforeCurrent;
  }

  /** Pictures decoded since opening, including those decoded only to reach a seek target. */
  public long decodedFrames() {
    return grabber.decodedVideoFrames();
  }

  /** Real seeks performed (targets reached by continuing forward are not counted). */
  public long seeks() {
    return seeks;
  }

  private long localMicros(long bestEffortPts, long javacvMicros) {
    if (bestEffortPts == avutil.AV_NOPTS_VALUE) {
      return javacvMicros - info.startMicros();
    }
    // Round to the nearest microsecond from the exact rational, as detectors computing
    // pts*time_base do.
    long ticks = bestEffortPts - StreamInfo.startTicks(stream);
    return Math.round(ticks * 1_000_000.0 * stream.time_base().num() / stream.time_base().den());
  }

  private YuvImage viewOf(AVFrame picture) {
    long address = picture.data(0).address();
    if (view == null || picture != viewedFrame || address != viewedAddress) {
      view = YuvFrames.view(picture, outWidth, outHeight);
      viewedFrame = picture;
      viewedAddress = address;
    }
    return view;
  }

  @Override
  public void close() {
    closeQuietly(grabber);
  }

  private static void closeQuietly(FrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      LOG.warn("Could not release decoder: {}", e.getMessage());
    }
  }

  private static final Pattern CODE = Pattern.compile("error (-?\\d+)");

  /**
   * Turns a JavaCV exception into a {@link MediaException}, keeping FFmpeg's error code when it has
   * one.
   */
  static MediaException wrap(String call, Exception e, String uri, String hint) {
    Matcher m = CODE.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      // The code already says what FFmpeg found; JavaCV's own text adds developer hints
      // ("Has setFormat() been called?") that only confuse a user. It stays in the cause.
      return new MediaException(call, Integer.parseInt(m.group(1)), uri, hint, e);
    }
    return new MediaException(call, 0, uri, hint + " (" + e.getMessage() + ")", e);
  }
}
