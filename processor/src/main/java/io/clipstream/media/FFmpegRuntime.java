package io.clipstream.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;

/**
 * Loads the FFmpeg natives once per JVM and lets FFmpeg log at error level only (through JavaCPP's
 * logger), so x264's statistics do not flood the console while real failures stay visible.
 * JavaCPP's logger is left on its default (stderr, warnings and up): routed to SLF4J it logs every
 * native allocation at DEBUG.
 */
public final class FFmpegRuntime {

  private static volatile boolean initialised;

  // Held here for the JVM's life: FFmpeg keeps only a native pointer to the callback.
  private static final FFmpegErrorLog ERRORS = new FFmpegErrorLog();

  private FFmpegRuntime() {}

  /** Idempotent; every media class calls it before touching a native. */
  public static void init() {
    if (initialised) {
      return;
    }
    synchronized (FFmpegRuntime.class) {
      if (initialised) {
        return;
      }
      FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
      avutil.setLogCallback(ERRORS);
      initialised = true;
    }
  }

  /**
   * Loads every FFmpeg library the decoder and the encoder use (JavaCPP finds, links and
   * initialises each, a quarter of a second in a fresh JVM), so a command can do it beside its
   * other start-up work instead of before its first frame.
   */
  public static void loadLibraries() {
    try {
      FFmpegFrameGrabber.tryLoad();
      FFmpegFrameRecorder.tryLoad();
    } catch (FFmpegFrameGrabber.Exception | FFmpegFrameRecorder.Exception e) {
      // The render that needs them reports the failure, with its context.
      return;
    }
    init();
  }

  /** Forgets the FFmpeg error lines this thread logged so far (see {@link #errorLines}). */
  static void clearErrorLines() {
    init();
    ERRORS.clear();
  }

  /** The FFmpeg error lines this thread logged since {@link #clearErrorLines}, oldest first. */
  static java.util.List<String> errorLines() {
    return ERRORS.lines();
  }

  /**
   * Whether this build of FFmpeg has an encoder of that name (e.g. {@code libx264}, {@code
   * h264_nvenc}).
   */
  public static boolean hasEncoder(String name) {
    init();
    return avcodec.avcodec_find_encoder_by_name(name) != null;
  }

  /** FFmpeg's library version string, recorded in side-cars. */
  public static String ffmpegVersion() {
    init();
    return avutil.av_version_info().getString();
  }
}
