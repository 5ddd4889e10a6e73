package io.clipstream.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.Segment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment's start when the path and the container's {@code creation_time} differ: real MP4s
 * whose metadata the ffmpeg CLI sets, probed as the watcher probes them.
 */
class SegmentProbeTest {

  private static final Instant PATH_TIME = Instant.parse("2026-03-01T12:34:56Z");
  private static final SegmentLayout.Named SECONDS =
      new SegmentLayout.Named("cam", PATH_TIME, Duration.ofSeconds(1));

  @TempDir Path dir;

  @Test
  void shouldTakeTheContainersMillisecondsWhenAMatroskaFileStampsTheSameSecondAsThePath()
      throws Exception {
    Path file = video("2026-03-01T12:34:56.400000Z", "mkv");

    Segment s = SegmentProbe.describe(file.toString(), file.toUri().toString(), SECONDS, 1);

    assertThat(s.getStart()).isEqualTo(Instant.parse("2026-03-01T12:34:56.400Z"));
    assertThat(Duration.between(s.getStart(), s.getEnd())).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldTakeTheMp4sWholeSecondWhenItLiesWithinASecondOfThePaths() throws Exception {
    // MP4's creation_time (mvhd) counts whole seconds: the .400 is lost in the file.
    Path file = video("2026-03-01T12:34:57.400000Z", "mp4");

    Segment s = SegmentProbe.describe(file.toString(), file.toUri().toString(), SECONDS, 1);

    assertThat(s.getStart()).isEqualTo(Instant.parse("2026-03-01T12:34:57Z"));
  }

  @Test
  void shouldTakeTheContainersSecondsWhenThePathGivesOnlyTheMinute() throws Exception {
    Path file = video("2026-03-01T12:34:41.250000Z", "mkv");
    SegmentLayout.Named minute =
        new SegmentLayout.Named(
            "cam", Instant.parse("2026-03-01T12:34:00Z"), Duration.ofMinutes(1));

    Segment s = SegmentProbe.describe(file.toString(), file.toUri().toString(), minute, 1);

    assertThat(s.getStart()).isEqualTo(Instant.parse("2026-03-01T12:34:41.250Z"));
  }

  @Test
  void shouldKeepThePathsTimeWhenTheContainerIsHoursOffLikeLocalTimeWrittenAsUtc()
      throws Exception {
    Path file = video("2026-03-01T13:34:56.000000Z", "mp4");

    Segment s = SegmentProbe.describe(file.toString(), file.toUri().toString(), SECONDS, 1);

    assertThat(s.getStart()).isEqualTo(PATH_TIME);
  }

  @Test
  void shouldKeepThePathsTimeWhenTheContainerHasNoCreationTime() throws Exception {
    Path file = video(null, "mp4");

    Segment s = SegmentProbe.describe(file.toString(), file.toUri().toString(), SECONDS, 1);

    assertThat(s.getStart()).isEqualTo(PATH_TIME);
    assertThat(s.getUri()).isEqualTo(file.toUri().toString());
  }

  @Test
  void shouldAcceptAStampUpToOneSecondBeforeThePathsTimeAndRefuseOneFurther() {
    assertThat(SegmentProbe.start(SECONDS, Optional.of("2026-03-01T12:34:55.200Z"), "f"))
        .isEqualTo(Instant.parse("2026-03-01T12:34:55.200Z"));
    assertThat(SegmentProbe.start(SECONDS, Optional.of("2026-03-01T12:34:54.900Z"), "f"))
        .isEqualTo(PATH_TIME);
    assertThat(SegmentProbe.start(SECONDS, Optional.of("2026-03-01T12:34:58.000Z"), "f"))
        .as("the window ends 1 s after the path's second")
        .isEqualTo(PATH_TIME);
  }

  @Test
  void shouldKeepThePathsTimeWhenTheStampIsNoTimeOrTheEpoch() {
    assertThat(SegmentProbe.start(SECONDS, Optional.of("yesterday"), "f")).isEqualTo(PATH_TIME);
    assertThat(SegmentProbe.start(SECONDS, Optional.of("1970-01-01T00:00:00.000000Z"), "f"))
        .isEqualTo(PATH_TIME);
  }

  /** A 2 s, 10 fps video made by the ffmpeg CLI, with {@code creation_time} when given. */
  private Path video(String creationTime, String extension) throws Exception {
    Path out = dir.resolve("seg-" + System.nanoTime() + "." + extension);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=160x120:rate=10:duration=2",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast"));
    if (creationTime != null) {
      cmd.addAll(List.of("-metadata", "creation_time=" + creationTime));
    }
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("ffmpeg: %s", log).isZero();
    assertThat(Files.size(out)).isPositive();
    return out;
  }
}
