package io.clipstream.media;

import io.clipstream.image.YuvImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes YUV420P pictures into an H.264 MP4 that plays anywhere: High profile, yuv420p, even size,
 * {@code +faststart} (index before the media so browsers start playing at once), a keyframe at
 * least every {@link EncoderSettings#maxKeyframeIntervalSeconds()}.
 *
 * <p>Callers fill {@link #canvas()} (copy a decoded frame in, draw on it) and call {@link
 * #write(long)}. The file is written under a temporary name in the target directory and moved into
 * place atomically by {@link #finish()}, so a reader never sees a half-written clip; {@link
 * #close()} without finish deletes it. Single owner: not thread-safe.
 */
public final class ClipEncoder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClipEncoder.class);

  private final FFmpegFrameRecorder recorder;
  private final Path target;
  private final Path temp;
  private final YuvFrames.Packed canvas;
  private final VideoCodec codec;
  private final Rational fps;
  private long lastPts = Long.MIN_VALUE;
  private long frames;
  private boolean finished;

  private ClipEncoder(
      FFmpegFrameRecorder recorder,
      Path target,
      Path temp,
      YuvFrames.Packed canvas,
      VideoCodec codec,
      Rational fps) {
    this.recorder = recorder;
    this.target = target;
    this.temp = temp;
    this.canvas = canvas;
    this.codec = codec;
    this.fps = fps;
  }

  /**
   * Starts an encoder for {@code width}x{@code height} pictures (odd sizes are cropped to even) at
   * the constant frame rate {@code fps}; presentation times passed to {@link #write} are in periods
   * of it.
   */
  public static ClipEncoder open(
      Path target, int width, int height, Rational fps, EncoderSettings settings) {
    FFmpegRuntime.init();
    VideoCodec codec = settings.codec().resolve();
    if (!FFmpegRuntime.hasEncoder(codec.ffmpegName())) {
      throw new MediaException(
          "avcodec_find_encoder_by_name(" + codec.ffmpegName() + ")",
          0,
          target.toString(),
          "this FFmpeg build has no "
              + codec.ffmpegName()
              + " encoder; choose another with --encoder");
    }
    int w = width & ~1;
    int h = height & ~1;
    if (w < 2 || h < 2) {
      throw new IllegalArgumentException("Picture too small to encode: " + width + "x" + height);
    }
    Path temp = AtomicFiles.temporarySibling(target);
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(temp.toString(), w, h, 0);
    recorder.setFormat("mp4");
    recorder.setVideoCodecName(codec.ffmpegName());
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps.toDouble());
    recorder.setGopSize(settings.gopFrames(fps));
    recorder.setOption("movflags", "+faststart");
    EncoderOptions.apply(recorder, codec, settings, w, h, fps);
    try {
      recorder.start();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      release(recorder);
      deleteQuietly(temp);
      String hint =
          codec == VideoCodec.NVENC
              ? "h264_nvenc needs an NVIDIA GPU and driver; use --encoder x264 on this machine"
              : "could not start the encoder; check that the output directory is writable";
      throw VideoSource.wrap(
          "avcodec_open2/avformat_write_header (" + codec.ffmpegName() + ")",
          e,
          target.toString(),
          hint);
    }
    LOG.debug(
        "Encoding {} ({}x{} @ {} fps, {}, crf {}, preset {}, gop {})",
        target,
        w,
        h,
        fps,
        codec.ffmpegName(),
        settings.crf(),
        settings.preset(),
        settings.gopFrames(fps));
    return new ClipEncoder(recorder, target, temp, YuvFrames.allocatePacked(w, h), codec, fps);
  }

  /**
   * The picture the next {@link #write} encodes: copy a frame in and draw on it. Even-sized,
   * packed.
   */
  public YuvImage canvas() {
    return canvas.image();
  }

  /**
   * Encodes the canvas with presentation time {@code pts} (in frame periods); times must increase.
   */
  public void write(long pts) {
    if (pts <= lastPts) {
      throw new IllegalArgumentException(
          "Presentation times must increase: " + pts + " after " + lastPts);
    }
    YuvImage image = canvas.image();
    try {
      recorder.setFrameNumber(Math.toIntExact(pts));
      recorder.recordImage(
          image.width(),
          image.height(),
          Frame.DEPTH_UBYTE,
          1,
          image.width(),
          avutil.AV_PIX_FMT_YUV420P,
          canvas.buffer());
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw VideoSource.wrap(
          "avcodec_send_frame/av_interleaved_write_frame",
          e,
          target.toString(),
          "encoding failed; check free disk space");
    }
    lastPts = pts;
    frames++;
  }

  public long framesWritten() {
    return frames;
  }

  /** The encoder actually used (after {@link VideoCodec#AUTO} was resolved). */
  public VideoCodec codec() {
    return codec;
  }

  public Rational frameRate() {
    return fps;
  }

  /**
   * Flushes the encoder, writes the index, and moves the file into place. Returns the final path.
   */
  public Path finish() {
    if (frames == 0) {
      throw new IllegalStateException("No frame was written to " + target + ": nothing to finish");
    }
    try {
      recorder.stop();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw VideoSource.wrap(
          "av_write_trailer", e, target.toString(), "could not complete the MP4");
    } finally {
      release(recorder);
    }
    AtomicFiles.moveIntoPlace(temp, target);
    finished = true;
    return target;
  }

  @Override
  public void close() {
    if (!finished) {
      release(recorder);
      deleteQuietly(temp);
    }
  }

  private static void release(FFmpegFrameRecorder recorder) {
    try {
      recorder.release();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      LOG.warn("Could not release encoder: {}", e.getMessage());
    }
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("Could not delete temporary file {}: {}", path, e.getMessage());
    }
  }
}
