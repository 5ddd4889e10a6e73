package io.clipstream.ingest.folder;

import io.clipstream.contracts.Segment;
import io.clipstream.media.MediaException;
import io.clipstream.media.VideoInfo;
import io.clipstream.media.VideoSource;
import java.nio.file.Path;
import java.time.Instant;

/** Opens a recording and describes it as a {@link Segment} starting when its path says. */
final class SegmentProbe {

  private SegmentProbe() {}

  /**
   * @throws MediaException when FFmpeg cannot read the file (half-written, corrupt, not a video)
   * @throws IllegalStateException when the container does not say how long the video is
   */
  static Segment describe(Path file, SegmentLayout.Named named, long sizeBytes) {
    VideoInfo info;
    try (VideoSource source = VideoSource.open(file.toString())) {
      info = source.info();
    }
    if (info.durationMicros() <= 0) {
      throw new IllegalStateException(
          file
              + ": the container does not say how long the video is (a file still being"
              + " written, or a stream dump without an index); remux it to MP4");
    }
    Instant start = named.start();
    double fps = (double) info.frameRate().num() / info.frameRate().den();
    return Segment.newBuilder()
        .setCameraId(named.cameraId())
        .setUri(file.toAbsolutePath().toUri().toString())
        .setStart(start)
        .setEnd(start.plusNanos(info.durationMicros() * 1000))
        .setFps(fps)
        .setWidth(info.width())
        .setHeight(info.height())
        .setCodec(info.codec())
        .setSizeBytes(sizeBytes)
        .setFrameCount(Math.round(info.durationMicros() * fps / 1_000_000.0))
        .build();
  }
}
