package io.clipstream.ingest.folder;

import io.clipstream.contracts.Segment;
import io.clipstream.media.MediaException;
import io.clipstream.media.VideoInfo;
import io.clipstream.media.VideoSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a recording and describes it as a {@link Segment}, starting when its path says, or when its
 * container says where that is the same moment given more finely (see {@link #start}).
 */
final class SegmentProbe {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentProbe.class);

  /** The container tag recorders and {@code ffmpeg -metadata creation_time=...} write. */
  static final String CREATION_TIME = "creation_time";

  /**
   * How far the container's time may lie outside the path's window and still count as the same
   * moment: a recorder names a file by its scheduled boundary but stamps the header when it opens
   * it, a little before or after.
   */
  static final Duration SLACK = Duration.ofSeconds(1);

  private SegmentProbe() {}

  /**
   * @param location what FFmpeg opens: a path or a presigned URL (never put in a message)
   * @param uri what the segment record names, {@code file:} or {@code s3:}
   * @throws MediaException when FFmpeg cannot read the file (half-written, corrupt, not a video)
   * @throws IllegalStateException when the container does not say how long the video is
   */
  static Segment describe(String location, String uri, SegmentLayout.Named named, long sizeBytes) {
    VideoInfo info;
    Optional<String> stamp;
    try (VideoSource source = VideoSource.open(location)) {
      info = source.info();
      stamp = source.tag(CREATION_TIME);
    }
    if (info.durationMicros() <= 0) {
      throw new IllegalStateException(
          uri
              + ": the container does not say how long the video is (a file still being"
              + " written, or a stream dump without an index); remux it to MP4");
    }
    Instant start = start(named, stamp, uri);
    double fps = (double) info.frameRate().num() / info.frameRate().den();
    return Segment.newBuilder()
        .setCameraId(named.cameraId())
        .setUri(uri)
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

  /**
   * The segment's start: the container's {@code creation_time} when it lies in the path's window
   * ({@code [path - 1 s, path + precision + 1 s)}: the same moment, given to the millisecond), else
   * the path's time. The path wins otherwise because it is what NVRs guarantee, while container
   * stamps go wrong in known ways: local time written as UTC, an epoch of 1970 or 1904, a stamp
   * copied from the original by a remux.
   */
  static Instant start(SegmentLayout.Named named, Optional<String> creationTime, String uri) {
    if (creationTime.isEmpty()) {
      return named.start();
    }
    Instant stamped;
    try {
      stamped = OffsetDateTime.parse(creationTime.get()).toInstant();
    } catch (DateTimeParseException e) {
      LOG.warn(
          "{}: creation_time '{}' is no ISO-8601 time; using the path's start {}",
          uri,
          creationTime.get(),
          named.start());
      return named.start();
    }
    Instant from = named.start().minus(SLACK);
    Instant until = named.start().plus(named.precision()).plus(SLACK);
    if (stamped.isBefore(from) || !stamped.isBefore(until)) {
      LOG.warn(
          "{}: the container's creation_time {} is not within {} of the path's start {}; using"
              + " the path's (fix the recorder's clock or time zone if the path is wrong)",
          uri,
          stamped,
          named.precision(),
          named.start());
      return named.start();
    }
    return stamped;
  }
}
