package io.clipstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg CLI that Clipstream is compared with. It prefers the FFmpeg 8 binary bundled in the
 * JavaCV jar (the same libavcodec and x264 builds that Clipstream calls, so only the pipeline
 * differs) and falls back to the one on PATH when the bundled one cannot run here.
 *
 * @param binary the executable ("ffmpeg" for the one on PATH)
 * @param version its version line, e.g. "ffmpeg version 8.0.1"
 * @param bundled whether it is the binary from the JavaCV jar
 */
public record ReferenceCli(String binary, String version, boolean bundled) {

  /** The bundled CLI when it runs, else the one on PATH (which must exist). */
  public static ReferenceCli find() {
    try {
      String path = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
      if (path != null && Files.isExecutable(Path.of(path))) {
        return new ReferenceCli(path, versionOf(path), true);
      }
    } catch (RuntimeException | LinkageError | IOException e) {
      // The bundled binary needs a few desktop libraries (X11, sound) that a server may lack.
    }
    return new ReferenceCli("ffmpeg", Ffmpeg.version(), false);
  }

  /** "ffmpeg version 8.0.1 (bundled with JavaCV)" or "ffmpeg version 5.1.9-0+deb12u1 (PATH)". */
  public String describe() {
    return version + (bundled ? " (bundled with JavaCV)" : " (PATH)");
  }

  /** Runs {@code binary -nostdin -v error -y ARGS}; returns the seconds the process took. */
  public double run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary, "-nostdin", "-v", "error", "-y"));
    command.addAll(args);
    return ChildProcess.run(command).seconds();
  }

  private static String versionOf(String binary) throws IOException {
    try {
      ChildProcess.Result r = ChildProcess.run(List.of(binary, "-version"));
      String first = r.output().lines().findFirst().orElse("ffmpeg");
      int copyright = first.indexOf(" Copyright");
      return copyright > 0 ? first.substring(0, copyright) : first;
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Whole-process runs of a command, timed. */
  static final class ChildProcess {

    private ChildProcess() {}

    /**
     * @param seconds wall time of the process, start included
     * @param output its stdout and stderr together
     */
    record Result(double seconds, String output) {}

    /** Runs {@code command} to its end; a non-zero exit is an error carrying the output. */
    static Result run(List<String> command) throws IOException, InterruptedException {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      double seconds = Stats.secondsSince(start);
      if (code != 0) {
        throw new IllegalStateException(
            "exit "
                + code
                + " from "
                + String.join(" ", command)
                + System.lineSeparator()
                + out.strip());
      }
      return new Result(seconds, out);
    }
  }
}
