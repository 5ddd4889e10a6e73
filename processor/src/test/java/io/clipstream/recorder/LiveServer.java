package io.clipstream.recorder;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real live input: the {@code ffmpeg} CLI as a child process serving an MP4 in a loop as MPEG-TS
 * over TCP at real-time speed ({@code -re}). It listens; the recorder connects as a client. Killing
 * it drops the stream the way a crashed camera or encoder does (the socket closes).
 */
final class LiveServer implements AutoCloseable {

  private final Process process;
  private final int port;

  private LiveServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static LiveServer start(Path input, int port, Path log) throws IOException {
    List<String> command =
        List.of(
            executable("ffmpeg"),
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-re",
            "-stream_loop",
            "-1",
            "-i",
            input.toString(),
            "-c",
            "copy",
            "-f",
            "mpegts",
            "tcp://127.0.0.1:" + port + "?listen=1");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new LiveServer(process, port);
  }

  /** Makes the test input: H.264 320x240, 10 fps, a keyframe every second, with B-frames. */
  static Path makeInput(Path file) throws Exception {
    Process process =
        new ProcessBuilder(
                executable("ffmpeg"),
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x240:rate=10",
                "-t",
                "10",
                "-c:v",
                "libx264",
                "-g",
                "10",
                "-keyint_min",
                "10",
                "-sc_threshold",
                "0",
                "-pix_fmt",
                "yuv420p",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("ffmpeg could not make the test input:\n" + out);
    }
    return file;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Ends the server at once (SIGKILL): the connection closes mid-stream. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  static String executable(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        name
            + " is not installed: these tests serve a real live stream with it. Install FFmpeg"
            + " (Debian/Ubuntu: apt-get install -y ffmpeg; macOS: brew install ffmpeg).");
  }
}
