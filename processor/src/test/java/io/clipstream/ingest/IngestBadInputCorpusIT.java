package io.clipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.config.ConfigLoader;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import io.clipstream.ingest.folder.FolderIndexService;
import io.clipstream.ingest.folder.FolderIndexer;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The ingest part of the bad-input corpus (docs/reliability.md): bad JSON on the detection and
 * event topics and bad Frigate messages over a real mosquitto, each followed by a good message, go
 * to the dead-letter topic with their original bytes and a reason a person can act on, while every
 * good message after them still comes out; bad files in an NVR folder are reported by {@code
 * clipstream index} with their reason and skipped, while the good file next to them is announced.
 * The table of what arrived is written to {@code target/reliability/ingest-bad-input-corpus.md}.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class IngestBadInputCorpusIT {

  private static final String ERROR = "__streams.errors.message";
  private static final Path REPORT = Path.of("target", "reliability", "ingest-bad-input-corpus.md");

  /** Where a bad message goes in. */
  private enum Channel {
    DETECTIONS_JSON,
    EVENTS_JSON,
    FRIGATE_MQTT
  }

  /** One bad message and the words its dead letter's reason must contain. */
  private record Case(String name, String input, Channel channel, String bad, String... reason) {}

  private static final long NOW = Instant.now().getEpochSecond();

  private static final List<Case> CASES =
      List.of(
          new Case(
              "wrong-json",
              "detection JSON cut off mid-array",
              Channel.DETECTIONS_JSON,
              "{\"bbox\": [10, 20,",
              "not valid JSON"),
          new Case(
              "deepstream-full-unknown-version",
              "DeepStream full schema with mdsversion 2.0",
              Channel.DETECTIONS_JSON,
              "{\"mdsversion\":\"2.0\",\"@timestamp\":\"2024-05-24T05:53:05.000Z\",\"sensor\":"
                  + "{\"id\":\"cam-gate\"},\"object\":{\"id\":\"1\",\"bbox\":{\"topleftx\":1,"
                  + "\"toplefty\":1,\"bottomrightx\":9,\"bottomrighty\":9}}}",
              "unknown schema version mdsversion=2.0",
              "1.x"),
          new Case(
              "deepstream-minimal-unknown-version",
              "DeepStream minimal schema with version 5.0",
              Channel.DETECTIONS_JSON,
              new String(Fixtures.bytes("deepstream-minimal-v5.json"), StandardCharsets.UTF_8),
              "unknown schema version 5.0",
              "4.x"),
          new Case(
              "box-outside-frame",
              "box [900,10,950,50] in a 640x360 frame",
              Channel.DETECTIONS_JSON,
              "{\"frame_width\":640,\"frame_height\":360,\"bbox\":[900,10,950,50],"
                  + "\"label\":\"car\",\"score\":0.5}",
              "wholly outside the 640x360 frame",
              "check the detector's coordinates"),
          new Case(
              "box-inverted",
              "box with x2 < x1",
              Channel.DETECTIONS_JSON,
              "{\"bbox\":[50,10,20,40],\"label\":\"car\",\"score\":0.5}",
              "empty or inverted",
              "x1 < x2"),
          new Case(
              "score-above-one",
              "score 7.5",
              Channel.DETECTIONS_JSON,
              "{\"bbox\":[10,10,20,40],\"label\":\"car\",\"score\":7.5}",
              "score 7.5",
              "not in [0, 1]"),
          new Case(
              "event-wrong-json",
              "event message that is not JSON",
              Channel.EVENTS_JSON,
              "event_id=gate-1",
              "not valid JSON"),
          new Case(
              "frigate-not-json",
              "MQTT payload that is not JSON",
              Channel.FRIGATE_MQTT,
              "ON",
              "not valid JSON"),
          new Case(
              "frigate-no-after",
              "Frigate message without its 'after' object",
              Channel.FRIGATE_MQTT,
              "{\"type\":\"new\",\"before\":{}}",
              "no 'after' object"),
          new Case(
              "frigate-no-camera",
              "Frigate message whose 'after' lacks the camera",
              Channel.FRIGATE_MQTT,
              "{\"type\":\"new\",\"before\":{},\"after\":{\"id\":\"x-1\",\"label\":\"person\","
                  + "\"score\":0.8,\"start_time\":"
                  + NOW
                  + ".0,\"frame_time\":"
                  + NOW
                  + ".0,\"box\":[1,1,9,9]}}",
              "'after.camera' is missing",
              "frigate/events"),
          new Case(
              "frigate-unknown-type",
              "Frigate message of type 'created'",
              Channel.FRIGATE_MQTT,
              "{\"type\":\"created\",\"before\":{},\"after\":{}}",
              "'type' is 'created'",
              "expected new, update or end"));

  @Test
  void shouldDeadLetterEveryBadIngestMessageWithItsReasonAndLetEveryGoodOneAfterItThrough(
      RealKafka kafka, RealSchemaRegistry registry) throws Exception {
    IngestRig rig = new IngestRig(kafka, registry, "ingest-corpus");
    String detectionsJson = rig.inputTopic("json-detections", 1);
    String eventsJson = rig.inputTopic("json-events", 1);
    List<String> rows = new ArrayList<>();
    try (Mosquitto mqtt = Mosquitto.start(rig.dir);
        IngestRig.Reader<DetectionFrame> frames =
            rig.reader(ContractTopic.DETECTIONS, DetectionFrame.class);
        IngestRig.Reader<Event> events = rig.reader(ContractTopic.EVENTS, Event.class);
        IngestRig.Reader<byte[]> dead = rig.rawReader(ContractTopic.DEAD_LETTER);
        KafkaProducer<String, byte[]> producer = rig.producer()) {
      Map<String, String> flags = rig.flags("ingest");
      flags.put("ingest.detections.topics", detectionsJson);
      flags.put("ingest.events.topics", eventsJson);
      flags.put("ingest.mqtt.url", mqtt.url());
      flags.put("ingest.mqtt.client.id", "clipstream-" + rig.run);
      try (ClipstreamApp app = rig.start(flags)) {
        for (Case c : CASES) {
          byte[] bad = c.bad().getBytes(StandardCharsets.UTF_8);
          switch (c.channel()) {
            case DETECTIONS_JSON -> {
              producer.send(new ProducerRecord<>(detectionsJson, "cam-2", bad));
              producer.send(new ProducerRecord<>(detectionsJson, "cam-2", goodDetection(c)));
            }
            case EVENTS_JSON -> {
              producer.send(new ProducerRecord<>(eventsJson, "cam-gate", bad));
              producer.send(new ProducerRecord<>(eventsJson, "cam-gate", goodEvent(c)));
            }
            case FRIGATE_MQTT -> {
              producer.flush();
              mqtt.publish("frigate/events", bad);
              mqtt.publish("frigate/events", goodFrigate(c));
            }
          }
        }
        producer.flush();
        long detectionCases = count(Channel.DETECTIONS_JSON);
        List<ConsumerRecord<String, byte[]>> rejected = dead.await(CASES.size(), r -> true, app);
        frames.await((int) detectionCases, r -> true, app);
        events.await(CASES.size() - (int) detectionCases, r -> true, app);
        assertThat(app.failed()).as("the ingest role is still running").isFalse();

        for (Case c : CASES) {
          byte[] bad = c.bad().getBytes(StandardCharsets.UTF_8);
          ConsumerRecord<String, byte[]> letter =
              rejected.stream()
                  .filter(r -> Arrays.equals(r.value(), bad))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError(c.name() + ": no dead letter"));
          String reason =
              new String(letter.headers().lastHeader(ERROR).value(), StandardCharsets.UTF_8);
          assertThat(reason).as(c.name()).contains(c.reason());
          assertThat(after(c, frames, events)).as("the good message after " + c.name()).isTrue();
          rows.add(row(c.name(), c.input(), "dead letter", reason));
        }
        assertThat(dead.settle(java.time.Duration.ofSeconds(2)))
            .as("one dead letter per bad message, no more")
            .hasSize(CASES.size());
      }

      rows.addAll(folderCases(rig, flags));
    }
    Files.createDirectories(REPORT.getParent());
    Files.writeString(
        REPORT,
        "| case | input | outcome | reason |\n|---|---|---|---|\n"
            + String.join("\n", rows)
            + "\n");
  }

  /**
   * A half-written recording and a text file named like one, next to a good recording: {@code
   * clipstream index} reports both with their reason and announces the good one.
   */
  private static List<String> folderCases(IngestRig rig, Map<String, String> flags)
      throws Exception {
    Path cuts = Files.createDirectories(rig.dir.resolve("cuts"));
    Path good = Footage.cut(cuts, 1).get(0);
    Path recordings = Files.createDirectories(rig.dir.resolve("recordings"));
    Instant t0 =
        Instant.now().minus(java.time.Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
    byte[] whole = Files.readAllBytes(good);
    Path half = place(recordings, "cam-nvr", t0, Arrays.copyOf(whole, whole.length / 2));
    Path text = place(recordings, "cam-nvr", t0.plusSeconds(10), "not a video".getBytes());
    Path fine = recordings.resolve(Footage.frigatePath("cam-nvr", t0.plusSeconds(20)));
    Files.copy(good, fine, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(fine, FileTime.from(Instant.now().minusSeconds(60)));

    Map<String, String> index = new HashMap<>(flags);
    index.put("ingest.folder.root", recordings.toString());
    index.put("ingest.folder.ledger.topic", "ledger-" + rig.run);
    index.remove("ingest.mqtt.url");
    var config = ConfigLoader.load(Optional.empty(), Map.of(), index);
    FolderIndexer.Scan scan;
    try (IngestRig.Reader<Segment> announced = rig.reader(ContractTopic.SEGMENTS, Segment.class);
        FolderIndexService service =
            FolderIndexService.open(
                config.ingestFolder().orElseThrow(),
                new HashMap<>(config.kafkaClientProperties()),
                config.serdeConfig(),
                config.applicationId())) {
      scan = service.indexOnce();
      assertThat(scan.announced()).as("the good file").isEqualTo(1);
      assertThat(announced.await(1, r -> true, null).get(0).value().getUri())
          .isEqualTo(fine.toUri().toString());
    }
    String halfReason = reasonFor(scan, recordings.relativize(half));
    String textReason = reasonFor(scan, recordings.relativize(text));
    assertThat(halfReason).contains("not a readable video").contains("check the file is complete");
    assertThat(textReason).contains("not a readable video");
    return List.of(
        row("half-written-segment", "first half of a 10 s MP4", "skipped, reported", halfReason),
        row("text-named-mp4", "a text file named MM.SS.mp4", "skipped, reported", textReason));
  }

  private static String reasonFor(FolderIndexer.Scan scan, Path relative) {
    String key = relative.toString().replace('\\', '/');
    return scan.failures().stream()
        .filter(f -> f.startsWith(key + ":"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " not reported: " + scan.failures()));
  }

  private static Path place(Path recordings, String camera, Instant start, byte[] bytes)
      throws Exception {
    Path file = recordings.resolve(Footage.frigatePath(camera, start));
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    return file;
  }

  private static boolean after(
      Case c, IngestRig.Reader<DetectionFrame> frames, IngestRig.Reader<Event> events) {
    String id = "after-" + c.name();
    return c.channel() == Channel.DETECTIONS_JSON
        ? frames.seen.stream().anyMatch(r -> r.value().getDetections().get(0).getLabel().equals(id))
        : events.seen.stream().anyMatch(r -> r.value().getEventId().equals(id));
  }

  private static long count(Channel channel) {
    return CASES.stream().filter(c -> c.channel() == channel).count();
  }

  private static byte[] goodDetection(Case c) {
    return ("{\"bbox\":[10,20,30,40],\"label\":\"after-" + c.name() + "\",\"score\":0.6}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] goodEvent(Case c) {
    return ("{\"event_id\":\"after-"
            + c.name()
            + "\",\"trigger\":\"vehicle-entry\",\"start\":\"2024-05-24T05:53:05Z\","
            + "\"end\":\"2024-05-24T05:53:09Z\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] goodFrigate(Case c) {
    return ("{\"type\":\"new\",\"before\":{},\"after\":{\"id\":\"after-"
            + c.name()
            + "\",\"camera\":\"porch\",\"label\":\"person\",\"score\":0.8,\"top_score\":0.8,"
            + "\"start_time\":"
            + NOW
            + ".0,\"end_time\":null,\"frame_time\":"
            + NOW
            + ".0,\"box\":[10,10,100,80],\"current_zones\":[],\"entered_zones\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String row(String name, String input, String outcome, String reason) {
    return "| "
        + name
        + " | "
        + input
        + " | "
        + outcome
        + " | "
        + reason.replace("|", "\\|").replace("\n", " ")
        + " |";
  }
}
