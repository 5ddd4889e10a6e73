package io.clipstream.media;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Rebases copied packets onto one continuous output timeline. JavaCV's {@code recordPacket} reads
 * time bases from the first input's stream, so packets of later inputs are rescaled to it first.
 */
final class PacketWriter {

  private final FFmpegFrameRecorder recorder;
  private final AVStream first;
  private long offset;
  private long end;
  private long lastDts = Long.MIN_VALUE;
  private boolean segmentStart;

  PacketWriter(FFmpegFrameRecorder recorder, AVStream first) {
    this.recorder = recorder;
    this.first = first;
  }

  AVStream firstStream() {
    return first;
  }

  /**
   * The next packets start a new input: they continue where the previous input's last frame ended.
   */
  void startSegment() {
    offset = end;
    segmentStart = true;
  }

  /**
   * Writes one packet, its times made relative to {@code originPts} (the input's first copied
   * keyframe).
   */
  void write(AVPacket packet, AVStream stream, long originPts) throws FrameRecorder.Exception {
    AVRational from = stream.time_base();
    AVRational to = first.time_base();
    long pts = avutil.av_rescale_q(packet.pts() - originPts, from, to);
    long dts =
        packet.dts() == avutil.AV_NOPTS_VALUE
            ? pts
            : avutil.av_rescale_q(packet.dts() - originPts, from, to);
    long duration = avutil.av_rescale_q(packet.duration(), from, to);
    if (segmentStart && lastDts != Long.MIN_VALUE && offset + dts <= lastDts) {
      offset =
          lastDts + 1
              - dts; // B-frame reordering starts decode times before 0: keep them increasing
    }
    segmentStart = false;
    pts += offset;
    dts += offset;
    end = Math.max(end, pts + Math.max(duration, 1));
    lastDts = dts;
    packet.pts(pts);
    packet.dts(dts);
    packet.duration(duration);
    packet.stream_index(first.index());
    recorder.recordPacket(packet);
  }

  long durationMicros() {
    return Math.round(end * 1_000_000.0 * first.time_base().num() / first.time_base().den());
  }
}
