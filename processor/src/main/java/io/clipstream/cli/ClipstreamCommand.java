package io.clipstream.cli;

import io.clipstream.version.ClipstreamVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code clipstream} command: it only groups the subcommands and prints help. */
@Command(
    name = "clipstream",
    mixinStandardHelpOptions = true,
    versionProvider = ClipstreamVersion.class,
    description =
        "Turns computer-vision detections, events and NVR recordings into evidence clips.",
    subcommands = {
      RunCommand.class,
      RecordCommand.class,
      IndexCommand.class,
      DemoCommand.class,
      RenderFilesCommand.class,
      PublishCommand.class,
      SchemasCommand.class,
      VerifyCommand.class
    })
public final class ClipstreamCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
