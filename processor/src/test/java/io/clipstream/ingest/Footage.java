package io.clipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Real 10 s recording segments cut from the sample footage, named as Frigate names them. */
final class Footage {

  static final Path SAMPLE = Path.of("..", "samples", "footage", "one-by-one-person-detection.mp4");

  private static final DateTimeFormatter HOUR_DIR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd/HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE_SECOND =
      DateTimeFormatter.ofPattern("mm.ss").withZone(ZoneOffset.UTC);

  private Footage() {}

  /** {@code count} real 10 s segments of the sample footage, keyframe-cut by the ffmpeg CLI. */
  static List<Path> cut(Path dir, int count) throws Exception {
    ffmpeg(
        dir.resolve("ffmpeg.log"),
        "-i",
        SAMPLE.toString(),
        "-t",
        String.valueOf(10 * count),
        "-an",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "10",
        "-f",
        "segment",
        "-segment_time",
        "10",
        "-reset_timestamps",
        "1",
        dir.resolve("cut%02d.mp4").toString());
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(dir.resolve(String.format("cut%02d.mp4", i)));
    }
    return out;
  }

  /** A remux of {@code in} whose container says {@code creation_time} = {@code at}. */
  static Path stamp(Path in, Instant at, Path out) throws Exception {
    ffmpeg(
        out.resolveSibling(out.getFileName() + ".log"),
        "-i",
        in.toString(),
        "-c",
        "copy",
        "-metadata",
        "creation_time=" + at,
        out.toString());
    return out;
  }

  private static void ffmpeg(Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor()).as("ffmpeg, see %s", log).isZero();
  }

  /** Frigate's relative path of {@code camera}'s segment starting at {@code start}. */
  static String frigatePath(String camera, Instant start) {
    return HOUR_DIR.format(start) + "/" + camera + "/" + MINUTE_SECOND.format(start) + ".mp4";
  }
}
