package io.clipstream.bench;

import io.clipstream.version.ClipstreamVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code clipstream-bench.jar}: the performance suite and the render benchmark. They
 * live outside the product jar because they carry load generators, an in-process broker rig and
 * reference runs of the ffmpeg CLI that a deployment never needs.
 */
@Command(
    name = "clipstream-bench",
    mixinStandardHelpOptions = true,
    versionProvider = ClipstreamVersion.class,
    description = "Measures Clipstream side by side with its references (needs ffmpeg on PATH).",
    subcommands = {BenchmarkCommand.class, RenderBenchmarkCommand.class})
public final class BenchMain implements Runnable {

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command tree, shared by {@link #main} and the tests so both see the same commands. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
