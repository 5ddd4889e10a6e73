package io.clipstream.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts time ranges out of one or more files into one MP4 without re-encoding (for clips without
 * overlays): the copy of each range starts at the keyframe at or before its start, because a
 * decoder cannot start elsewhere, and the result reports where it really started. Timestamps are
 * rebased so the output starts at 0 and continues across inputs. Inputs must share codec, size and
 * codec configuration.
 */
public final class StreamCopier {

  private static final Logger LOG = LoggerFactory.getLogger(StreamCopier.class);

  private StreamCopier() {}

  public static CopyResult copy(List<CopySegment> segments, Path target) {
    FFmpegRuntime.init();
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("Nothing to copy into " + target);
    }
    Path temp = AtomicFiles.temporarySibling(target);
    List<FFmpegFrameGrabber> inputs = new ArrayList<>();
    FFmpegFrameRecorder recorder = null;
    boolean done = false;
    try {
      List<CopyResult.Segment> results = new ArrayList<>();
      PacketWriter writer = null;
      for (CopySegment segment : segments) {
        FFmpegFrameGrabber grabber = openInput(segment.uri());
        inputs.add(grabber);
        AVStream stream = videoStream(grabber, segment.uri());
        if (writer == null) {
          recorder = startRecorder(grabber, stream, temp, target);
          writer = new PacketWriter(recorder, stream);
        } else {
          requireSameCodec(writer.firstStream(), stream, segment.uri());
        }
        results.add(copySegment(grabber, stream, segment, writer));
      }
      recorder.stop();
      AtomicFiles.moveIntoPlace(temp, target);
      done = true;
      long frames = results.stream().mapToLong(CopyResult.Segment::frames).sum();
      LOG.debug(
          "Stream-copied {} frames into {} (start {} us)",
          frames,
          target,
          results.get(0).actualStartMicros());
      return new CopyResult(target, results, frames, writer.durationMicros());
    } catch (FrameRecorder.Exception e) {
      throw VideoSource.wrap(
          "av_interleaved_write_frame/av_write_trailer",
          e,
          target.toString(),
          "could not write the copied clip");
    } finally {
      if (recorder != null) {
        try {
          recorder.release();
        } catch (FrameRecorder.Exception e) {
          LOG.warn("Could not release muxer: {}", e.getMessage());
        }
      }
      inputs.forEach(StreamCopier::release);
      if (!done) {
        ClipEncoder.deleteQuietly(temp);
      }
    }
  }

  private static CopyResult.Segment copySegment(
      FFmpegFrameGrabber grabber, AVStream stream, CopySegment segment, PacketWriter writer)
      throws FrameRecorder.Exception {
    Timeline time = new Timeline(stream);
    long from = time.ticks(segment.fromMicros());
    long to = time.ticks(segment.toMicros());
    MediaException.check(
        avformat.avformat_seek_file(
            grabber.getFormatContext(),
            stream.index(),
            Long.MIN_VALUE,
            from,
            from,
            avformat.AVSEEK_FLAG_BACKWARD),
        "avformat_seek_file",
        segment.uri(),
        "the file is not seekable");
    writer.startSegment();
    long first = Long.MIN_VALUE;
    long last = Long.MIN_VALUE;
    long frames = 0;
    List<Long> times = new ArrayList<>();
    AVPacket packet;
    while ((packet = grabPacket(grabber, segment.uri())) != null) {
      boolean video = packet.stream_index() == stream.index();
      long dts = packet.dts() != avutil.AV_NOPTS_VALUE ? packet.dts() : packet.pts();
      boolean key = (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0;
      if (video && dts >= to) {
        avcodec.av_packet_unref(packet);
        break; // decode order: no later packet can show a frame before the end
      }
      if (!video || (first == Long.MIN_VALUE && !key)) {
        avcodec.av_packet_unref(
            packet); // other streams, or leading non-keyframes after an imprecise seek
        continue;
      }
      if (first == Long.MIN_VALUE) {
        first = packet.pts();
      }
      last = Math.max(last, packet.pts());
      frames++;
      times.add(time.micros(packet.pts()));
      writer.write(packet, stream, first);
    }
    if (frames == 0) {
      throw new MediaException(
          "stream copy",
          0,
          segment.uri(),
          "no frame between " + segment.fromMicros() + " and " + segment.toMicros() + " us");
    }
    times.sort(null);
    return new CopyResult.Segment(
        segment.uri(),
        segment.fromMicros(),
        segment.toMicros(),
        time.micros(first),
        time.micros(last),
        frames,
        times);
  }

  private static AVPacket grabPacket(FFmpegFrameGrabber grabber, String uri) {
    try {
      return grabber.grabPacket();
    } catch (FrameGrabber.Exception e) {
      throw VideoSource.wrap("av_read_frame", e, uri, "the file may be corrupt or truncated");
    }
  }

  private static FFmpegFrameGrabber openInput(String uri) {
    VideoSource.open(uri)
        .close(); // same checks and messages as a decode (missing file, not a video)
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(uri);
    try {
      grabber.start();
      return grabber;
    } catch (FrameGrabber.Exception e) {
      release(grabber);
      throw VideoSource.wrap("avformat_open_input", e, uri, "not a readable video");
    }
  }

  private static AVStream videoStream(FFmpegFrameGrabber grabber, String uri) {
    AVStream stream = StreamInfo.firstVideoStream(grabber.getFormatContext());
    if (stream == null) {
      throw new MediaException("find video stream", 0, uri, "the file has no video stream");
    }
    return stream;
  }

  private static FFmpegFrameRecorder startRecorder(
      FFmpegFrameGrabber grabber, AVStream stream, Path temp, Path target) {
    AVCodecParameters par = stream.codecpar();
    FFmpegFrameRecorder recorder =
        new FFmpegFrameRecorder(temp.toString(), par.width(), par.height(), 0);
    recorder.setFormat("mp4");
    recorder.setOption("movflags", "+faststart");
    try {
      recorder.start(grabber.getFormatContext());
      return recorder;
    } catch (FrameRecorder.Exception e) {
      throw VideoSource.wrap(
          "avformat_write_header", e, target.toString(), "cannot stream-copy this codec into MP4");
    }
  }

  private static void requireSameCodec(AVStream first, AVStream next, String uri) {
    AVCodecParameters a = first.codecpar();
    AVCodecParameters b = next.codecpar();
    boolean same =
        a.codec_id() == b.codec_id()
            && a.width() == b.width()
            && a.height() == b.height()
            && java.util.Arrays.equals(bytes(a), bytes(b));
    if (!same) {
      throw new MediaException(
          "stream copy",
          0,
          uri,
          "this source's codec, size or configuration differs from the first one; render with overlays (re-encode)");
    }
  }

  private static byte[] bytes(AVCodecParameters par) {
    byte[] data = new byte[Math.max(0, par.extradata_size())];
    if (data.length > 0) {
      par.extradata().position(0).get(data);
    }
    return data;
  }

  private static void release(FFmpegFrameGrabber grabber) {
    try {
      grabber.release();
    } catch (FrameGrabber.Exception e) {
      LOG.warn("Could not release demuxer: {}", e.getMessage());
    }
  }
}
