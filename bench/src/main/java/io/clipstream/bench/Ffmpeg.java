package io.clipstream.bench;

import io.clipstream.render.input.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The ffmpeg CLI, the suite's main reference; it must be on PATH. */
public final class Ffmpeg {

  private Ffmpeg() {}

  /** The CLI's version line ("ffmpeg version 5.1.6 ..."), or a clear error when it is missing. */
  public static String version() {
    try {
      Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new BadInputException("`ffmpeg -version` failed; the benchmark needs the ffmpeg CLI");
      }
      String first = out.lines().findFirst().orElse("ffmpeg");
      int copyright = first.indexOf(" Copyright");
      return copyright > 0 ? first.substring(0, copyright) : first;
    } catch (IOException e) {
      throw missing();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Runs {@code ffmpeg -v error -y ARGS}, failing on a non-zero exit; returns the seconds taken.
   */
  public static double run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
    command.addAll(List.of(args));
    long start = System.nanoTime();
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw missing();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "ffmpeg failed: " + String.join(" ", command) + System.lineSeparator() + out.strip());
    }
    return Stats.secondsSince(start);
  }

  private static BadInputException missing() {
    return new BadInputException(
        "The benchmark needs the ffmpeg CLI on PATH (e.g. apt-get install ffmpeg)");
  }
}
