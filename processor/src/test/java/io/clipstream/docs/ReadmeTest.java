package io.clipstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.cli.Main;
import io.clipstream.serde.AvroSerdeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Keeps README.md true: every setting and command it must document is there. */
class ReadmeTest {

  private static String readme() throws IOException {
    return Files.readString(Path.of("..", "README.md"));
  }

  @Test
  void shouldDocumentEverySerdeSettingWithItsDefault() throws IOException {
    String readme = readme();
    AvroSerdeConfig.CONFIG
        .configKeys()
        .values()
        .forEach(
            key -> {
              assertThat(readme)
                  .as("README documents %s", key.name)
                  .contains("| `" + key.name + "` |");
              assertThat(key.documentation).as("%s has a description", key.name).isNotBlank();
            });
  }

  @Test
  void shouldListEveryCommandOfTheJar() throws IOException {
    String readme = readme();
    CommandLine cli = Main.newCommandLine();
    cli.getSubcommands()
        .forEach(
            (name, command) -> {
              if (command.getSubcommands().isEmpty()) {
                assertThat(readme).as("README lists command %s", name).contains("`" + name);
              } else {
                command
                    .getSubcommands()
                    .keySet()
                    .forEach(
                        sub ->
                            assertThat(readme)
                                .as("README lists %s %s", name, sub)
                                .contains("`" + name + " " + sub));
              }
            });
  }

  @Test
  void shouldGiveTheTestCommandThatCiRuns() throws IOException {
    String ci = Files.readString(Path.of("..", ".ci", "run"));
    assertThat(readme()).contains("./mvnw -B verify");
    assertThat(ci).contains("./mvnw -B verify");
  }
}
