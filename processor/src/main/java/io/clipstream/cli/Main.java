package io.clipstream.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code clipstream.jar}: parses the command line and exits with the command's
 * status.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    StartupWarmUp.startFor(args);
    System.exit(commandLineFor(args).execute(args));
  }

  /** The whole command tree, as help shows it; the tests use it. */
  public static CommandLine newCommandLine() {
    return withSubcommands(ClipstreamCommand.SUBCOMMANDS);
  }

  /**
   * The tree {@code args} needs: when the first argument names a subcommand, the root with that one
   * only (its options, help and errors are the same as in the whole tree); otherwise the whole
   * tree.
   */
  static CommandLine commandLineFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> command : ClipstreamCommand.SUBCOMMANDS) {
        if (command.getAnnotation(Command.class).name().equals(args[0])) {
          return withSubcommands(List.of(command));
        }
      }
    }
    return newCommandLine();
  }

  private static CommandLine withSubcommands(List<Class<?>> commands) {
    CommandLine cli = new CommandLine(new ClipstreamCommand());
    commands.forEach(cli::addSubcommand);
    return cli.setCaseInsensitiveEnumValuesAllowed(true);
  }
}
