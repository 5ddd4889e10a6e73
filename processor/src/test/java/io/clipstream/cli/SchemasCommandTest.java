package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.serde.MockSchemaRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SchemasCommandTest {

  private final String scope = "schemas-command-" + UUID.randomUUID();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.drop(scope);
  }

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldListEveryTopicOfTheContractTableWithItsSubject() {
    assertThat(run("schemas", "list", "--topic", "EVENTS=site1.events")).isZero();

    assertThat(out.toString())
        .contains("cv.detections", "io.clipstream.contracts.DetectionFrame", "cv.detections-value")
        .contains("site1.events", "site1.events-value")
        .contains("clips.ready", "event id", "io.clipstream.contracts.ClipReady")
        .contains("clips.dead-letter", "original bytes");
  }

  @Test
  void shouldPrintTheEventSchemaWithNestedTypesInlined() {
    assertThat(run("schemas", "print", "EVENTS")).isZero();

    assertThat(new org.apache.avro.Schema.Parser().parse(out.toString()))
        .isEqualTo(Event.getClassSchema());
  }

  @Test
  void shouldRegisterEveryValueSchemaAndThenReportThemCompatible() {
    assertThat(run("schemas", "register", "--registry-url", "mock://" + scope))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("cv.events-value", "clips.failed-value")
        .doesNotContain("dead-letter");

    out.getBuffer().setLength(0);
    assertThat(run("schemas", "check", "--registry-url", "mock://" + scope)).isZero();
    assertThat(out.toString())
        .contains("cv.segments-value")
        .contains("compatible")
        .doesNotContain("INCOMPATIBLE");
  }

  @Test
  void shouldFailCheckWhenTheRegisteredSchemaCannotReadTheNewOne() {
    String incompatible =
        "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"io.clipstream.contracts\","
            + "\"fields\":[{\"name\":\"event_id\",\"type\":\"long\"}]}";
    MockSchemaRegistry.forScope(scope)
        .register("cv.events-value", new org.apache.avro.Schema.Parser().parse(incompatible));

    assertThat(run("schemas", "check", "--registry-url", "mock://" + scope)).isEqualTo(1);
    assertThat(out.toString()).contains("cv.events-value").contains("INCOMPATIBLE");
  }

  @Test
  void shouldExplainWhenTheRegistryCannotBeReached() {
    assertThat(run("schemas", "register", "--registry-url", "http://127.0.0.1:9")).isEqualTo(1);
    assertThat(err.toString()).contains("cv.detections").contains("http://127.0.0.1:9");
  }

  @Test
  void shouldRegisterTheServicesTopicsAndItsInternalChangelogSubjectsFromItsConfigFile(
      @TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("clipstream.properties"),
            String.join(
                "\n",
                "kafka.bootstrap.servers=kafka-1:9092",
                "schema.registry.url=mock://" + scope,
                "application.id=site1",
                "topic.events=site1.events",
                "sources.allowed.roots=/nvr",
                "auto.register.schemas=false"));

    assertThat(run("schemas", "register", "--config", config.toString()))
        .as(err.toString())
        .isZero();

    MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
    assertThat(registry.subjects())
        .contains(
            "site1.events-value",
            "cv.detections-value",
            "clips.ready-value",
            "site1-planner-planner-detections-changelog-value",
            "site1-planner-planner-segments-changelog-value",
            "site1-planner-planner-events-changelog-value",
            "site1-renderer-renderer-pending-changelog-value");
    // What the stores' serializers look up with auto.register.schemas=false: found, not refused.
    assertThat(
            registry.lookup(
                "site1-planner-planner-detections-changelog-value",
                DetectionFrame.getClassSchema()))
        .isNotNull();
    assertThat(
            registry.lookup(
                "site1-renderer-renderer-pending-changelog-value", RenderCommand.getClassSchema()))
        .isNotNull();
    assertThat(out.toString()).contains("site1-planner-planner-events-changelog-value");

    out.getBuffer().setLength(0);
    assertThat(run("schemas", "check", "--config", config.toString())).isZero();
    assertThat(out.toString())
        .contains("site1-renderer-renderer-pending-changelog-value")
        .doesNotContain("INCOMPATIBLE");
  }

  @Test
  void shouldAskForEitherARegistryUrlOrAConfigFile(@TempDir Path dir) throws Exception {
    assertThat(run("schemas", "register")).isEqualTo(2);
    assertThat(err.toString()).contains("--registry-url", "--config", "neither");

    Path config = Files.writeString(dir.resolve("c.properties"), "application.id=x\n");
    err.getBuffer().setLength(0);
    assertThat(
            run(
                "schemas",
                "register",
                "--registry-url",
                "mock://" + scope,
                "--config",
                config.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not both");
    assertThat(MockSchemaRegistry.forScope(scope).subjects()).isEmpty();
  }
}
