package io.clipstream.bench;

import io.clipstream.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived JVM that runs {@code clipstream} commands one after another, as the service renders
 * clip after clip: its JIT is warm and the FFmpeg libraries are loaded, so a command's time is what
 * a running process pays per clip, which a fresh process adds its start-up to.
 *
 * <p>Protocol, one request per line on stdin: the command's arguments separated by tabs. The
 * command's own output follows on stdout, then one line {@value #DONE} {@code <exit code>
 * <seconds>}, the seconds being the wall time of the command from its parsing to its return. End of
 * input ends the process.
 */
final class ResidentRender {

  static final String DONE = "@@resident-done";

  private ResidentRender() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] command = line.split("\t");
      long start = System.nanoTime();
      Duration cpuBefore = cpu();
      int code =
          Main.newCommandLine()
              .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
              .setErr(new PrintWriter(out, true, StandardCharsets.UTF_8))
              .execute(command);
      double seconds = (System.nanoTime() - start) / (double) TimeUnit.SECONDS.toNanos(1);
      double cpuSeconds = cpu().minus(cpuBefore).toNanos() / 1e9;
      out.printf(Locale.ROOT, "%n%s %d %.4f %.4f%n", DONE, code, seconds, cpuSeconds);
      out.flush();
    }
  }

  /** CPU time of this process so far, all threads (zero where the platform does not say). */
  private static Duration cpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The parent's side: one resident JVM, asked to run commands and timed by it. */
  static final class Client implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;
    private final PrintStream input;

    /** Starts {@code java jvmFlags -cp <this class path> ResidentRender}. */
    Client(List<String> jvmFlags) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new java.util.ArrayList<>();
      command.add(java);
      command.addAll(jvmFlags);
      command.addAll(
          List.of("-cp", System.getProperty("java.class.path"), ResidentRender.class.getName()));
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      input = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** What one command printed, the seconds it took and the CPU seconds it cost. */
    record Result(double seconds, double cpuSeconds, String output) {}

    /** Runs one command; a non-zero exit is an error carrying its output. */
    Result run(List<String> arguments) throws IOException {
      for (String argument : arguments) {
        if (argument.contains("\t") || argument.contains("\n")) {
          throw new IllegalArgumentException("argument with a tab or newline: " + argument);
        }
      }
      input.println(String.join("\t", arguments));
      StringBuilder printed = new StringBuilder();
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(DONE + " ")) {
          String[] f = line.split(" ");
          int code = Integer.parseInt(f[1]);
          if (code != 0) {
            throw new IllegalStateException(
                "exit " + code + " from resident clipstream " + arguments + "\n" + printed);
          }
          return new Result(Double.parseDouble(f[2]), Double.parseDouble(f[3]), printed.toString());
        }
        printed.append(line).append('\n');
      }
      throw new IllegalStateException(
          "the resident clipstream JVM ended during " + arguments + "\n" + printed);
    }

    @Override
    public void close() throws InterruptedException {
      input.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
