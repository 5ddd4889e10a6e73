package io.clipstream.recorder;

import io.clipstream.media.MediaException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * One MP4 being written by stream copy: a single video stream with the input's codec parameters,
 * timestamps rebased so the first (key)frame is at 0, {@code +faststart} (the muxer moves the index
 * to the front when it finishes). Memory: the muxer keeps only the sample index; packets go to disk
 * as they come. Single owner.
 */
final class SegmentMuxer implements AutoCloseable {

  private final Path file;
  private final AVRational inputTimeBase;
  private final long originPts;
  private AVFormatContext context;
  private AVStream out;
  private long lastDts = Long.MIN_VALUE;

  private SegmentMuxer(Path file, AVRational inputTimeBase, long originPts) {
    this.file = file;
    this.inputTimeBase = new AVRational().num(inputTimeBase.num()).den(inputTimeBase.den());
    this.originPts = originPts;
  }

  /** Creates {@code file} (a temporary name) for packets of a stream with these parameters. */
  static SegmentMuxer create(
      Path file, AVCodecParameters parameters, AVRational timeBase, double fps, long originPts) {
    SegmentMuxer muxer = new SegmentMuxer(file, timeBase, originPts);
    try {
      muxer.open(parameters, fps);
      return muxer;
    } catch (RuntimeException e) {
      muxer.close();
      throw e;
    }
  }

  private void open(AVCodecParameters parameters, double fps) {
    String target = file.toString();
    AVFormatContext ctx = new AVFormatContext(null);
    check(
        avformat.avformat_alloc_output_context2(ctx, null, "mp4", target),
        "avformat_alloc_output_context2");
    context = ctx;
    out = avformat.avformat_new_stream(context, null);
    if (out == null || out.isNull()) {
      throw new MediaException("avformat_new_stream", 0, target, "out of memory");
    }
    check(avcodec.avcodec_parameters_copy(out.codecpar(), parameters), "avcodec_parameters_copy");
    out.codecpar().codec_tag(0); // let the MP4 muxer choose (avc1/hvc1), not the input's tag
    out.time_base(inputTimeBase);
    if (fps > 0) {
      AVRational rate = avutil.av_d2q(fps, 1001000);
      out.avg_frame_rate(rate);
      out.r_frame_rate(rate);
    }
    AVIOContext pb = new AVIOContext(null);
    check(avformat.avio_open(pb, target, avformat.AVIO_FLAG_WRITE), "avio_open");
    context.pb(pb);
    AVDictionary options = new AVDictionary(null);
    try {
      avutil.av_dict_set(options, "movflags", "+faststart", 0);
      check(avformat.avformat_write_header(context, options), "avformat_write_header");
    } finally {
      avutil.av_dict_free(options);
    }
  }

  /**
   * Writes one packet (times in the input's time base, {@code pts}/{@code dts} already resolved
   * when the input left them unset); {@code duration} is used when the packet has none. The
   * packet's payload is handed to the muxer and the packet left blank.
   */
  void write(AVPacket packet, long pts, long dts, long duration) {
    packet.pts(pts - originPts);
    packet.dts(dts - originPts);
    if (packet.duration() <= 0 && duration > 0) {
      packet.duration(duration);
    }
    packet.stream_index(0);
    packet.pos(-1);
    avcodec.av_packet_rescale_ts(packet, inputTimeBase, out.time_base());
    lastDts = dts;
    check(avformat.av_interleaved_write_frame(context, packet), "av_interleaved_write_frame");
  }

  /** The last input dts written, or MIN_VALUE. */
  long lastDts() {
    return lastDts;
  }

  /** Writes the index (with the fast-start rewrite) and closes the file. */
  void finish() {
    try {
      check(avformat.av_write_trailer(context), "av_write_trailer");
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    if (context != null) {
      if (context.pb() != null && !context.pb().isNull()) {
        avformat.avio_closep(context.pb());
        context.pb(null);
      }
      avformat.avformat_free_context(context);
      context = null;
      out = null;
    }
  }

  private int check(int ret, String call) {
    return MediaException.check(ret, call, file.toString(), "cannot write the segment");
  }
}
