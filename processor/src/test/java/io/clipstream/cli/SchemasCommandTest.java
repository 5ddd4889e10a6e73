package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.Event;
import io.clipstream.serde.MockSchemaRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
}
