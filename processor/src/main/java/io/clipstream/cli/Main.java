package io.clipstream.cli;

import picocli.CommandLine;

/**
 * Entry point of {@code clipstream.jar}: parses the command line and exits with the command's
 * status.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    StartupWarmUp.startFor(args);
    System.exit(newCommandLine().execute(args));
  }

  /** The command tree, shared by {@link #main} and the tests so both see the same commands. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new ClipstreamCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
