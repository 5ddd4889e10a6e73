package io.clipstream.media;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Reads a video stream's geometry and timing from the demuxer, as exact fractions where FFmpeg has
 * them.
 */
final class StreamInfo {

  private StreamInfo() {}

  static AVStream firstVideoStream(AVFormatContext format) {
    for (int i = 0; i < format.nb_streams(); i++) {
      AVStream stream = format.streams(i);
      if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
        return stream;
      }
    }
    return null;
  }

  static VideoInfo describe(
      String uri, FFmpegFrameGrabber grabber, AVFormatContext format, AVStream stream) {
    AVRational tb = stream.time_base();
    long duration;
    if (stream.duration() != avutil.AV_NOPTS_VALUE && stream.duration() > 0) {
      duration = Math.round(stream.duration() * 1_000_000.0 * tb.num() / tb.den());
    } else if (format.duration() != avutil.AV_NOPTS_VALUE && format.duration() > 0) {
      duration = format.duration(); // AV_TIME_BASE is microseconds
    } else {
      duration = -1;
    }
    long start = Math.round(startTicks(stream) * 1_000_000.0 * tb.num() / tb.den());
    String codec = avcodec.avcodec_get_name(stream.codecpar().codec_id()).getString();
    return new VideoInfo(
        uri,
        stream.codecpar().width(),
        stream.codecpar().height(),
        frameRate(stream, grabber),
        duration,
        codec,
        start);
  }

  /** The stream's start time in its own time base: local time 0 of the file. */
  static long startTicks(AVStream stream) {
    return stream.start_time() == avutil.AV_NOPTS_VALUE ? 0 : stream.start_time();
  }

  /**
   * The stream's base rate: r_frame_rate (the finest rate all timestamps fit on) when it is
   * plausible, since for variable-rate files the average would put output frames on a grid coarser
   * than the source's.
   */
  private static Rational frameRate(AVStream stream, FFmpegFrameGrabber grabber) {
    AVRational avg = stream.avg_frame_rate();
    AVRational real = stream.r_frame_rate();
    double avgValue = avg.num() > 0 && avg.den() > 0 ? (double) avg.num() / avg.den() : 0;
    if (real.num() > 0 && real.den() > 0) {
      double value = (double) real.num() / real.den();
      if (value <= 240 && value >= avgValue * 0.99) {
        return new Rational(real.num(), real.den());
      }
    }
    if (avgValue > 0) {
      return new Rational(avg.num(), avg.den());
    }
    double guess = grabber.getFrameRate();
    return guess > 0 ? Rational.of(guess) : new Rational(25, 1);
  }
}
