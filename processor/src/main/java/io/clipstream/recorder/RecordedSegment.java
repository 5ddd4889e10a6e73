package io.clipstream.recorder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One closed segment on local disk: video only, H.264/HEVC as received (stream copy), {@code
 * +faststart}, starts with a keyframe, timestamps start at 0.
 *
 * @param cameraId the recorder's camera
 * @param file the finished MP4 (the sink owns it once delivered)
 * @param start wall-clock capture time of its first frame
 * @param end {@code start} + duration, where duration = last frame pts - first pts + one frame
 *     period: the start of the next segment when recording was continuous
 * @param fps the stream's frame rate (avg_frame_rate, else r_frame_rate, else measured from pts)
 * @param width coded width
 * @param height coded height
 * @param codec FFmpeg's codec name, e.g. {@code h264}, {@code hevc}
 * @param bytes size of the file
 * @param frames video packets (frames) in the file
 */
public record RecordedSegment(
    String cameraId,
    Path file,
    Instant start,
    Instant end,
    double fps,
    int width,
    int height,
    String codec,
    long bytes,
    long frames) {

  public Duration duration() {
    return Duration.between(start, end);
  }
}
