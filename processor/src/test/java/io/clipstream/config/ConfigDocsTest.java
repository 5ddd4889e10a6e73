package io.clipstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md and the README's table generated from the declaration. To refresh it
 * after changing a key: {@code ./mvnw -B -o -q -pl processor test -Dtest=ConfigDocsTest
 * -Dclipstream.updateDocs=true} (or run {@link ConfigDocs#main} from the repository root).
 */
class ConfigDocsTest {

  static final Path ROOT = Path.of("..");
  static final Path DOC = ROOT.resolve("docs/configuration.md");
  static final Path EXAMPLE = ROOT.resolve("docs/clipstream.example.properties");

  @Test
  void shouldContainTheGeneratedTableAndExampleVerbatim() throws IOException {
    if (Boolean.getBoolean("clipstream.updateDocs")) {
      ConfigDocs.main(new String[] {ROOT.toString()});
    }
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    assertThat(doc)
        .as(
            "docs/configuration.md is stale; refresh it with ./mvnw -B -o -q -pl processor test"
                + " -Dtest=ConfigDocsTest -Dclipstream.updateDocs=true")
        .isEqualTo(ConfigDocs.regenerate(doc, example))
        .contains(ConfigDocs.markdownTable());
  }

  @Test
  void shouldGiveTheReadmeTheSameGeneratedTable() throws IOException {
    if (Boolean.getBoolean("clipstream.updateDocs")) {
      ConfigDocs.main(new String[] {ROOT.toString()});
    }
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    assertThat(readme)
        .as(
            "README.md's configuration table is stale; refresh it with ./mvnw -B -o -q -pl"
                + " processor test -Dtest=ConfigDocsTest -Dclipstream.updateDocs=true")
        .isEqualTo(ConfigDocs.regenerateTable(readme))
        .contains(ConfigDocs.markdownTable());
  }

  @Test
  void shouldListEveryKeyWithItsEnvironmentVariableAndDefault() {
    String table = ConfigDocs.markdownTable();
    ClipstreamConfig.DEFINITION
        .configKeys()
        .values()
        .forEach(
            key ->
                assertThat(table)
                    .contains(
                        "| `"
                            + key.name
                            + "` | `"
                            + ConfigKeys.envName(key.name)
                            + "` | "
                            + "`"
                            + ConfigDocs.defaultText(key)
                            + "` |"));
    assertThat(table)
        .contains("| `render.workers` | `CLIPSTREAM_RENDER_WORKERS` | `(unset)` |")
        .contains(
            "| `kafka.bootstrap.servers` | `CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS` | `(required)` |")
        .contains("| `planner.preroll.ms` | `CLIPSTREAM_PLANNER_PREROLL_MS` | `5000` |")
        .contains("`planner.trigger.<name>.preroll.ms`")
        .contains("`auto.register.schemas`");
  }

  @Test
  void shouldLoadTheExampleProperties() {
    ClipstreamConfig config =
        ConfigLoader.load(Optional.of(EXAMPLE), Map.of(), Map.of(), ConfigLoaderTest.MACHINE);
    assertThat(config.roles()).containsExactly(Role.PLANNER, Role.RENDERER);
    assertThat(config.storageUri().toString()).isEqualTo("s3://clips/evidence");
    assertThat(config.toPlannerSettings().clockOffset("office-cam").toMillis()).isEqualTo(-250);
    assertThat(config.warnings()).isEmpty();
  }
}
