package io.clipstream.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ffprobe} (an independent implementation of the same formats) on outputs, and
 * reads the MP4's top-level box order itself. Fails with instructions when ffprobe is not
 * installed.
 */
public final class Ffprobe {

  private Ffprobe() {}

  /** The first video stream as ffprobe describes it (codec_name, profile, pix_fmt, width, ...). */
  public static JsonNode videoStream(Path file) throws Exception {
    JsonNode root =
        json(
            run(
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_streams",
                "-show_format",
                "-of",
                "json",
                file.toString()));
    return root.path("streams").get(0);
  }

  /** Presentation times (seconds) of the video keyframes, from the packet flags. */
  public static List<Double> keyframeTimes(Path file) throws Exception {
    List<Double> times = new ArrayList<>();
    for (JsonNode packet : packets(file)) {
      if (packet.path("flags").asText().contains("K")) {
        times.add(packet.path("pts_time").asDouble());
      }
    }
    return times;
  }

  /** Every video packet (pts_time, dts_time, flags), in file order. */
  public static JsonNode packets(Path file) throws Exception {
    return json(run(
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "packet=pts_time,dts_time,flags",
            "-of",
            "json",
            file.toString()))
        .path("packets");
  }

  /** Presentation times (seconds) of every decoded video frame, in display order. */
  public static List<Double> frameTimes(Path file) throws Exception {
    List<Double> times = new ArrayList<>();
    for (JsonNode frame :
        json(run(
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "frame=pts_time",
                "-of",
                "json",
                file.toString()))
            .path("frames")) {
      times.add(frame.path("pts_time").asDouble());
    }
    return times;
  }

  /**
   * The MP4's top-level box types in file order, e.g. [ftyp, moov, free, mdat] for a fast-start
   * file.
   */
  public static List<String> topLevelBoxes(Path file) throws IOException {
    List<String> boxes = new ArrayList<>();
    long size = Files.size(file);
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      long offset = 0;
      while (offset + 8 <= size) {
        long boxSize = Integer.toUnsignedLong(data.readInt());
        byte[] type = data.readNBytes(4);
        long header = 8;
        if (boxSize == 1) {
          boxSize = data.readLong();
          header = 16;
        } else if (boxSize == 0) {
          boxSize = size - offset;
        }
        boxes.add(new String(type, StandardCharsets.US_ASCII));
        data.skipNBytes(boxSize - header);
        offset += boxSize;
      }
    }
    return boxes;
  }

  static String run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("ffprobe failed on " + String.join(" ", command) + ":\n" + out);
    }
    return out;
  }

  static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "ffprobe");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        "ffprobe is not installed: these tests validate outputs with an independent "
            + "implementation. Install FFmpeg (Debian/Ubuntu: apt-get install -y ffmpeg; macOS: brew install ffmpeg).");
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }
}
