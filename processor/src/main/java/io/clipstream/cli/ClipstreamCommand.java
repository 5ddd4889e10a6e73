package io.clipstream.cli;

import io.clipstream.version.ClipstreamVersion;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code clipstream} command: it only groups the subcommands and prints help. */
@Command(
    name = "clipstream",
    mixinStandardHelpOptions = true,
    versionProvider = ClipstreamVersion.class,
    description =
        "Turns computer-vision detections, events and NVR recordings into evidence clips.")
public final class ClipstreamCommand implements Runnable {

  /**
   * The subcommands, in the order help lists them. Added by {@link Main}, not by the annotation, so
   * that a command line naming one builds the model of that one only (picocli reflects over every
   * option of every command it is given: most of its share of a process's start).
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          RunCommand.class,
          RecordCommand.class,
          IndexCommand.class,
          DemoCommand.class,
          RenderFilesCommand.class,
          PublishCommand.class,
          SchemasCommand.class,
          VerifyCommand.class);

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
