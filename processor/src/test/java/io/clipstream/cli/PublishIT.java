package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.serde.SpecificAvroSerde;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code clipstream publish} on the real broker and Apicurio registry, read back with the serde.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class PublishIT {

  @TempDir Path dir;

  @Test
  void shouldPublishEveryKindKeyedByCameraAndReadBackEqualRecords(
      RealKafka kafka, RealSchemaRegistry registry) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<PublishKind, List<String>> lines =
        Map.of(
            PublishKind.DETECTIONS,
            List.of(
                PublishKind.DETECTIONS.example(),
                "{\"camera_id\":\"cam-2\",\"capture_time\":1716529986240,\"frame_index\":3,"
                    + "\"detections\":[]}"),
            PublishKind.EVENTS,
            List.of(
                PublishKind.EVENTS.example(),
                "{\"event_id\":\"ev-2\",\"camera_id\":\"cam-2\",\"trigger\":\"intrusion\","
                    + "\"start\":1716529986000,\"render_options\":{\"pre_roll_ms\":2000}}"),
            PublishKind.SEGMENTS,
            List.of(PublishKind.SEGMENTS.example()));

    for (PublishKind kind : PublishKind.values()) {
      String topic = kind.name().toLowerCase() + "-publish-it-" + run;
      kafka.createTopic(topic, 2);
      Path file = Files.write(dir.resolve(kind.name() + ".jsonl"), lines.get(kind));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cli = Main.newCommandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));

      int code =
          cli.execute(
              "publish",
              "--kind",
              kind.name().toLowerCase(),
              "--file",
              file.toString(),
              "--topic",
              topic,
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--registry-url",
              registry.confluentUrl(),
              "--kafka-property",
              "linger.ms=5");

      assertThat(code).as(err.toString()).isZero();
      int count = lines.get(kind).size();
      assertThat(out.toString()).contains(count + " records to " + topic, "records per partition");

      List<PublishFile.Line> expected = PublishFile.read(file, kind).records();
      List<ConsumerRecord<String, byte[]>> records =
          kafka.readRecords(topic, count, Duration.ofSeconds(60));
      assertThat(records).hasSize(count);
      try (var serde = new SpecificAvroSerde<SpecificRecord>()) {
        serde.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
        for (PublishFile.Line line : expected) {
          ConsumerRecord<String, byte[]> record =
              records.stream()
                  .filter(r -> r.key().equals(line.key()))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("no record keyed " + line.key()));
          assertThat(serde.deserializer().deserialize(topic, record.value()))
              .as(kind + " line " + line.number())
              .isEqualTo(line.value());
        }
      }
    }
  }
}
