package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void shouldBuildOnlyTheSubcommandTheFirstArgumentNames() {
    CommandLine cli = Main.commandLineFor(new String[] {"render", "--video", "in.mp4"});

    assertThat(cli.getSubcommands()).containsOnlyKeys("render");
  }

  @Test
  void shouldBuildTheWholeTreeWhenNoSubcommandComesFirst() {
    assertThat(Main.commandLineFor(new String[] {"--help"}).getSubcommands())
        .containsKeys("run", "render", "demo", "verify")
        .hasSize(ClipstreamCommand.SUBCOMMANDS.size());
    assertThat(Main.commandLineFor(new String[0]).getSubcommands())
        .hasSize(ClipstreamCommand.SUBCOMMANDS.size());
    assertThat(Main.commandLineFor(new String[] {"rendr"}).getSubcommands())
        .hasSize(ClipstreamCommand.SUBCOMMANDS.size());
  }

  @Test
  void shouldGiveEverySubcommandTheSameHelpAsInTheWholeTree() {
    CommandLine whole = Main.newCommandLine();
    for (String name : whole.getSubcommands().keySet()) {
      CommandLine alone = Main.commandLineFor(new String[] {name, "--help"});
      assertThat(usage(alone.getSubcommands().get(name)))
          .as(name)
          .isEqualTo(usage(whole.getSubcommands().get(name)));
    }
  }

  @Test
  void shouldRejectABadValueTheSameWayInTheNarrowTree() {
    String[] args = {"render", "--decode", "threads"};
    StringWriter narrow = new StringWriter();
    StringWriter wide = new StringWriter();

    int narrowStatus = Main.commandLineFor(args).setErr(new PrintWriter(narrow)).execute(args);
    int wideStatus = Main.newCommandLine().setErr(new PrintWriter(wide)).execute(args);

    assertThat(narrowStatus).isEqualTo(wideStatus).isEqualTo(2);
    assertThat(narrow.toString()).isEqualTo(wide.toString()).contains("auto, ahead or inline");
  }

  private static String usage(CommandLine cli) {
    StringWriter out = new StringWriter();
    cli.usage(new PrintWriter(out));
    return out.toString();
  }
}
