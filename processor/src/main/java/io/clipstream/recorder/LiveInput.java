package io.clipstream.recorder;

import io.clipstream.media.FFmpegRuntime;
import io.clipstream.media.MediaException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One connection to a live input, demuxed with libavformat directly (no decoding): the video
 * stream's packets only, other streams discarded in the demuxer.
 *
 * <p>Blocking calls are bounded twice: the protocol's own socket timeout ({@code rw_timeout}, plus
 * {@code timeout} where it means the socket I/O timeout: tcp, http(s), rtsp, udp) and a watchdog in
 * FFmpeg's interrupt callback, which FFmpeg polls while it waits for the network (every 100 ms for
 * TCP): it aborts the call once the deadline set by {@link #arm} passes, or at once when the owner
 * is closing. Single owner.
 */
final class LiveInput implements AutoCloseable {

  /** Linux errno values FFmpeg returns negated (AVERROR(e)). */
  static final int EAGAIN = -11;

  static final int ETIMEDOUT = -110;

  /**
   * Extra time allowed while opening: the demuxer reads up to analyzeduration of media to learn the
   * stream's parameters before it returns the first packet.
   */
  static final Duration PROBE_ALLOWANCE = Duration.ofSeconds(5);

  /**
   * One callback for all inputs: JavaCPP allows only a few live instances of a callback class. Its
   * opaque pointer finds the input.
   */
  private static final Map<Long, LiveInput> OPEN = new ConcurrentHashMap<>();

  private static final Interrupt INTERRUPT = new Interrupt();
  private static volatile boolean networkReady;

  private final String url;
  private final BooleanSupplier closing;
  private final LongPointer key = new LongPointer(1);
  private final AVIOInterruptCB callback = new AVIOInterruptCB();
  private AVFormatContext context;
  private AVStream stream;
  private volatile long deadlineNanos;
  private volatile boolean watchdogFired;

  private LiveInput(String url, BooleanSupplier closing) {
    this.url = url;
    this.closing = closing;
  }

  /**
   * Connects and finds the video stream; throws {@link MediaException} when the input cannot be
   * opened or has no video within {@code readTimeout} (plus the probe allowance).
   */
  static LiveInput open(String url, Duration readTimeout, BooleanSupplier closing) {
    FFmpegRuntime.init();
    initNetwork();
    LiveInput input = new LiveInput(url, closing);
    try {
      input.connect(readTimeout);
      return input;
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
  }

  private void connect(Duration readTimeout) {
    OPEN.put(key.address(), this);
    arm(readTimeout.plus(PROBE_ALLOWANCE));
    callback.callback(INTERRUPT);
    callback.opaque(key);
    AVFormatContext ctx = avformat.avformat_alloc_context();
    if (ctx == null || ctx.isNull()) {
      throw new OutOfMemoryError("avformat_alloc_context");
    }
    ctx.interrupt_callback(callback);
    AVDictionary options = new AVDictionary(null);
    try {
      timeoutOptions(url, readTimeout).forEach((k, v) -> avutil.av_dict_set(options, k, v, 0));
      int ret = avformat.avformat_open_input(ctx, url, null, options);
      if (ret < 0) {
        // FFmpeg frees a caller-allocated context on failure
        throw failure("avformat_open_input", ret, "cannot connect to the input");
      }
      context = ctx;
    } finally {
      avutil.av_dict_free(options);
    }
    int ret = avformat.avformat_find_stream_info(context, (PointerPointer<?>) null);
    if (ret < 0) {
      throw failure("avformat_find_stream_info", ret, "cannot read the stream's parameters");
    }
    for (int i = 0; i < context.nb_streams(); i++) {
      AVStream s = context.streams(i);
      if (stream == null && s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
        stream = s;
      } else {
        s.discard(avcodec.AVDISCARD_ALL);
      }
    }
    if (stream == null) {
      throw new MediaException(
          "find video stream", 0, redact(url), "the input has no video stream");
    }
    if (stream.codecpar().width() <= 0 || stream.codecpar().height() <= 0) {
      throw new MediaException(
          "avformat_find_stream_info", 0, redact(url), "the video stream's size is unknown");
    }
  }

  /**
   * The options that bound socket waits: {@code rw_timeout} is honoured by every protocol built on
   * FFmpeg's URL layer; {@code timeout} is the socket I/O timeout (microseconds) only for some
   * protocols (for rtmp it would mean "listen", so it is not set there).
   */
  static Map<String, String> timeoutOptions(String url, Duration readTimeout) {
    String micros = Long.toString(readTimeout.toNanos() / 1000);
    String scheme = scheme(url);
    Map<String, String> options = new java.util.LinkedHashMap<>();
    options.put("rw_timeout", micros);
    switch (scheme) {
      case "rtsp", "rtsps", "tcp", "http", "https", "udp", "srt" -> options.put("timeout", micros);
      default -> {
        // file, rtmp, pipe, ...: the generic option and the watchdog cover them
      }
    }
    return options;
  }

  static String scheme(String url) {
    int colon = url.indexOf("://");
    return colon <= 0 ? "file" : url.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /** The URL without credentials, for logs and messages. */
  static String redact(String url) {
    return url.replaceFirst("://[^/@]*@", "://***@");
  }

  /**
   * The watchdog aborts a blocking call that has not returned within {@code timeout} from now. Once
   * it fired the connection is finished (FFmpeg keeps the I/O error), so that stays remembered: the
   * demuxer may still hand out a packet it had buffered before the next read reports the error.
   */
  void arm(Duration timeout) {
    deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  /** Reads the next video packet into {@code packet}; FFmpeg's return code. */
  int read(AVPacket packet) {
    return avformat.av_read_frame(context, packet);
  }

  AVStream stream() {
    return stream;
  }

  AVCodecParameters codecParameters() {
    return stream.codecpar();
  }

  AVRational timeBase() {
    return stream.time_base();
  }

  /** The stream's nominal frame rate (avg_frame_rate, else r_frame_rate), or 0 when unknown. */
  double nominalFps() {
    double avg = rate(stream.avg_frame_rate());
    if (avg > 0 && avg <= 1000) {
      return avg;
    }
    double real = rate(stream.r_frame_rate());
    return real > 0 && real <= 1000 ? real : 0;
  }

  /**
   * The wall-clock capture time of pts 0 (microseconds since the epoch) when the input says ({@code
   * start_time_realtime}, e.g. RTSP after an RTCP sender report), else {@link Long#MIN_VALUE}.
   */
  long startTimeRealtime() {
    long value = context.start_time_realtime();
    return value == avutil.AV_NOPTS_VALUE || value <= 0 ? Long.MIN_VALUE : value;
  }

  String codecName() {
    return avcodec.avcodec_get_name(stream.codecpar().codec_id()).getString();
  }

  /** Why a read ended, in words. */
  String describe(int code) {
    if (watchdogFired && !closing.getAsBoolean()) {
      return "no packet within the read timeout (watchdog)";
    }
    if (code == avutil.AVERROR_EOF) {
      int ioError = context != null && context.pb() != null ? context.pb().error() : 0;
      if (ioError < 0 && ioError != avutil.AVERROR_EOF) {
        return "end of stream after " + errorText(ioError);
      }
      return "end of stream (the sender closed the connection)";
    }
    if (code == ETIMEDOUT) {
      return "no data within the read timeout (" + errorText(code) + ")";
    }
    return "av_read_frame failed with " + code + " (" + errorText(code) + ")";
  }

  private MediaException failure(String call, int code, String hint) {
    String why =
        watchdogFired && !closing.getAsBoolean()
            ? hint + "; no answer within the read timeout (watchdog)"
            : hint;
    return new MediaException(call, code, redact(url), why);
  }

  static String errorText(int code) {
    byte[] buffer = new byte[256];
    if (avutil.av_strerror(code, buffer, buffer.length) < 0) {
      return "error " + code;
    }
    int length = 0;
    while (length < buffer.length && buffer[length] != 0) {
      length++;
    }
    return new String(buffer, 0, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  private boolean interrupted() {
    if (closing.getAsBoolean()) {
      return true;
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      watchdogFired = true;
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    if (context != null) {
      avformat.avformat_close_input(context);
      context = null;
    }
    stream = null;
    OPEN.remove(key.address());
    callback.close();
    key.close();
  }

  private static double rate(AVRational r) {
    return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0;
  }

  private static void initNetwork() {
    if (!networkReady) {
      synchronized (LiveInput.class) {
        if (!networkReady) {
          avformat.avformat_network_init();
          networkReady = true;
        }
      }
    }
  }

  /** FFmpeg's interrupt callback: non-zero aborts the blocking call in progress. */
  private static final class Interrupt extends AVIOInterruptCB.Callback_Pointer {

    @Override
    public int call(Pointer opaque) {
      try {
        LiveInput input = opaque == null ? null : OPEN.get(opaque.address());
        return input != null && input.interrupted() ? 1 : 0;
      } catch (Throwable e) {
        return 0; // never let an exception cross into native code
      }
    }
  }
}
