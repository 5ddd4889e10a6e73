package io.clipstream.cli;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.app.QuietLogs;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.ProvenanceKeys;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.embedded.EmbeddedKafka;
import io.clipstream.media.Directories;
import io.clipstream.provenance.ThrowAwayCertificates;
import io.clipstream.serde.MockSchemaRegistry;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.topics.ContractTopic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream demo}: the whole pipeline in one process with no external service. An
 * in-process Kafka broker, a {@code mock://} schema registry and local storage; the bundled sample
 * (segments, detections, events) is published, the planner and renderer run as in production, and
 * each clip-ready record is printed as it arrives. Exit status 0 when every event got its clip.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline on bundled sample footage, with an in-process Kafka broker, a mock://"
          + " schema registry and local storage: no external service needed.",
      "Leaves the clips (MP4, side-car JSON, thumbnail) under DIR/clips."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final String REGISTRY = "mock://clipstream-demo";

  @Spec CommandSpec spec;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      defaultValue = "demo-output",
      description = "Directory for the recordings, inputs and clips (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "Give up when the clips have not all arrived after this long (default: 300).")
  long timeoutSeconds;

  @Option(
      names = "--verbose",
      description = "Show the service's log (one line per clip, warnings) as well as the clips.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!verbose) {
      QuietLogs.start(); // the demo prints each clip itself; the process ends with the demo
    }
    Path dir = output.toAbsolutePath().normalize();
    Files.createDirectories(dir);
    Path scratch = Files.createTempDirectory(dir, ".demo-");
    out.println("Clipstream demo: unpacking the sample into " + dir);
    DemoData data = DemoData.extract(dir);
    Set<String> events = data.eventIds();
    long started = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(scratch.resolve("kafka"))) {
      createTopics(kafka);
      out.println("In-process Kafka broker on " + kafka.bootstrapServers());
      Map<String, String> signing = throwAwaySigning(dir, scratch, out);
      ClipstreamConfig config = config(kafka, dir, data, scratch, signing);
      try (ClipstreamApp app = ClipstreamApp.start(config, new SimpleMeterRegistry())) {
        publish(kafka, data, out);
        out.printf(
            "Planner and renderer running; waiting for %d clips (events %s)%n",
            events.size(), String.join(", ", events));
        Map<String, String> answers = watch(kafka, events, out, app);
        out.printf(
            "%nDone in %.1f s: %d of %d events have clips under %s%n",
            (System.nanoTime() - started) / 1e9,
            answers.values().stream().filter("ready"::equals).count(),
            events.size(),
            dir.resolve("clips"));
        return answers.size() == events.size() && !answers.containsValue("failed") ? 0 : 1;
      }
    } finally {
      Directories.deleteTree(scratch);
      MockSchemaRegistry.drop(REGISTRY.substring("mock://".length()));
    }
  }

  private static void createTopics(EmbeddedKafka kafka) {
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (ContractTopic topic : ContractTopic.values()) {
      // The three inputs are joined per camera, so they must have the same partition count.
      topics.put(topic.defaultName(), 2);
    }
    kafka.createTopics(topics);
  }

  /**
   * The demo signs its clips with a key made for this run only: the key stays in the scratch
   * directory (deleted at the end), its CA certificate is left next to the clips to verify them.
   */
  private static Map<String, String> throwAwaySigning(Path dir, Path scratch, PrintWriter out)
      throws IOException {
    ThrowAwayCertificates certs = ThrowAwayCertificates.es256("Clipstream demo");
    Path keys = Files.createDirectories(scratch.resolve("signing"));
    certs.writePem(keys);
    Path anchor = dir.resolve("demo-ca.pem");
    Files.copy(keys.resolve("ca.pem"), anchor, StandardCopyOption.REPLACE_EXISTING);
    out.println(
        "Signing clips (C2PA) with a THROW-AWAY key generated for this demo, certificate "
            + certs.identity().subject()
            + "; its CA is "
            + anchor
            + ": check a clip with"
            + " `clipstream verify CLIP.mp4 --trust-anchors "
            + anchor
            + "`");
    return Map.of(
        ProvenanceKeys.KEY_FILE, keys.resolve("key.pem").toString(),
        ProvenanceKeys.CHAIN_FILE, keys.resolve("chain.pem").toString());
  }

  private static ClipstreamConfig config(
      EmbeddedKafka kafka, Path dir, DemoData data, Path scratch, Map<String, String> signing) {
    Map<String, String> flags = new LinkedHashMap<>(signing);
    flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    flags.put("schema.registry.url", REGISTRY);
    flags.put("application.id", "clipstream-demo");
    flags.put("state.dir", scratch.resolve("state").toString());
    flags.put("storage.uri", dir.resolve("clips").toUri().toString());
    flags.put("sources.allowed.roots", data.recordings().toString());
    flags.put("render.work.dir", scratch.resolve("work").toString());
    // The sample ends with its last event: let planner time follow the wall clock soon after.
    flags.put("planner.idle.advance.ms", "1000");
    flags.put("planner.grace.ms", "2000");
    // A segment is announced when it closes: wait at least one segment length (20 s here), since a
    // segment's record comes after the detections of the time it covers. street-0001's pre-roll
    // starts before the recording, so its clip shows the gap after this wait.
    flags.put("planner.segment.wait.ms", "30000");
    // Sub-second commits: a clip-ready record is visible as soon as it is published.
    flags.put("kafka.commit.interval.ms", "100");
    return ConfigLoader.load(Optional.empty(), Map.of(), flags);
  }

  private static void publish(EmbeddedKafka kafka, DemoData data, PrintWriter out)
      throws IOException, ExecutionException, InterruptedException {
    for (PublishSender.Summary s :
        data.publish(
            kafka.bootstrapServers(),
            Map.of("schema.registry.url", REGISTRY),
            kind -> kind.topic().defaultName())) {
      out.printf("Published %d records to %s%n", s.records(), s.topic());
    }
  }

  /** Prints clip-ready and clip-failed records until every event is answered; event id → state. */
  private Map<String, String> watch(
      EmbeddedKafka kafka, Set<String> events, PrintWriter out, ClipstreamApp app) {
    Map<String, Object> consumer = new HashMap<>();
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "clipstream-demo-watcher");
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, String> answers = new LinkedHashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    try (KafkaConsumer<String, SpecificRecord> records =
        new KafkaConsumer<>(consumer, new StringDeserializer(), deserializer())) {
      records.subscribe(
          List.of(
              ContractTopic.CLIPS_READY.defaultName(), ContractTopic.CLIPS_FAILED.defaultName()));
      while (answers.keySet().size() < events.size() && System.nanoTime() < deadline) {
        if (app.failed()) {
          out.println("The service stopped: " + app.roleStates() + " (see the log above)");
          break;
        }
        for (ConsumerRecord<String, SpecificRecord> r : records.poll(Duration.ofMillis(500))) {
          if (r.value() instanceof ClipReady ready) {
            answers.put(ready.getEventId(), "ready");
            out.println(DemoReport.ready(ready));
          } else if (r.value() instanceof ClipFailed failed) {
            answers.put(failed.getOptionalEventId().orElse(r.key()), "failed");
            out.println(DemoReport.failed(failed));
          }
        }
      }
    }
    Set<String> missing = new TreeSet<>(events);
    missing.removeAll(answers.keySet());
    if (!missing.isEmpty()) {
      out.println("No answer after " + timeoutSeconds + " s for events " + missing);
    }
    return answers;
  }

  private static Deserializer<SpecificRecord> deserializer() {
    SpecificAvroDeserializer<SpecificRecord> d = new SpecificAvroDeserializer<>();
    d.configure(Map.of("schema.registry.url", REGISTRY), false);
    return d;
  }
}
