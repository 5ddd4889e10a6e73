package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.TopicKeys;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import io.clipstream.media.Ffprobe;
import io.clipstream.serde.AvroSerializer;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A real live stream (the ffmpeg CLI serving MPEG-TS over TCP at real-time speed) through the
 * recorder, the planner and the renderer, on the real broker and registry: segments are announced,
 * an event across a segment boundary gets a whole clip, and a dropped stream leaves a reported gap
 * while everything keeps running.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class RecorderPipelineIT {

  private static final String CAMERA = "cam-live";
  private static final Path FOOTAGE =
      Path.of("..", "samples", "footage", "one-by-one-person-detection.mp4");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void shouldRecordALiveStreamIntoSegmentsThatClipsAreRenderedFromAcrossBoundariesAndGaps(
      RealKafka kafka, RealSchemaRegistry registry) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<ContractTopic, String> topics = new LinkedHashMap<>();
    for (ContractTopic t : ContractTopic.values()) {
      topics.put(t, "rec-" + run + "-" + t.defaultName());
      kafka.createTopic(topics.get(t), 2);
    }
    Path dir = Files.createDirectories(Path.of("target", "recorder-it", run)).toAbsolutePath();
    int port = freePort();
    ClipstreamConfig config = config(kafka, registry, topics, dir, port, run);

    LiveStream stream = LiveStream.start(FOOTAGE, port, dir.resolve("ffmpeg-1.log"));
    try (ClipstreamApp app = ClipstreamApp.start(config, new SimpleMeterRegistry());
        Records<Segment> segments =
            new Records<>(kafka, registry, topics.get(ContractTopic.SEGMENTS), Segment.class);
        Records<ClipReady> clips =
            new Records<>(
                kafka, registry, topics.get(ContractTopic.CLIPS_READY), ClipReady.class)) {

      // 1. Segments of ~3 s, each a playable MP4 starting with a keyframe, back to back.
      List<Segment> first = segments.await(4, s -> true, app);
      for (Segment s : first) {
        Path file = Path.of(URI.create(s.getUri()));
        assertThat(file).startsWith(dir.resolve("nvr")).isRegularFile();
        assertThat(Files.size(file)).isEqualTo(s.getSizeBytes());
        assertThat(Ffprobe.videoStream(file).path("codec_name").asText()).isEqualTo("h264");
        assertThat(Ffprobe.keyframeTimes(file)).first().isEqualTo(0.0);
        assertThat(Ffprobe.topLevelBoxes(file)).containsSubsequence("moov", "mdat");
        assertThat(Duration.between(s.getStart(), s.getEnd()))
            .isBetween(Duration.ofMillis(2_900), Duration.ofMillis(4_100));
        assertThat(s.getFrameCount()).isEqualTo(Ffprobe.frameTimes(file).size());
      }
      for (int i = 1; i < first.size(); i++) {
        assertThat(Duration.between(first.get(i - 1).getEnd(), first.get(i).getStart()).abs())
            .as("segment %d follows segment %d without a gap", i, i - 1)
            .isLessThanOrEqualTo(Duration.ofMillis(150));
      }

      // 2. An event across the boundary of two segments: one clip from both, without gaps.
      Instant boundary = first.get(1).getEnd();
      publishEvent(
          kafka, registry, topics, "across", boundary.minusSeconds(1), boundary.plusSeconds(1));
      ClipReady across = clips.await(1, c -> c.getEventId().equals("across"), app).get(0);
      assertThat(across.getHasGaps()).isFalse();
      assertThat(across.getFrames()).as("4 s at 10 fps").isBetween(38L, 42L);
      Path clip = Path.of(URI.create(across.getVideoUri()));
      assertThat(Ffprobe.frameTimes(clip)).hasSize((int) across.getFrames());

      // 3. The stream drops for ~4 s and comes back: a gap between two segments, no crash.
      Segment beforeDrop = segments.await(1, s -> true, app).get(0);
      Instant dropped = Instant.now();
      stream.stop();
      Segment lastBefore = segments.awaitQuiet(Duration.ofSeconds(3)).orElse(beforeDrop);
      Thread.sleep(4_000); // the outage
      stream = LiveStream.start(FOOTAGE, port, dir.resolve("ffmpeg-2.log"));
      Instant restored = Instant.now();
      Segment afterGap =
          segments
              .await(1, s -> s.getStart().isAfter(lastBefore.getEnd().plusSeconds(2)), app)
              .get(0);
      Duration gap = Duration.between(lastBefore.getEnd(), afterGap.getStart());
      assertThat(gap)
          .as("the gap spans the outage (%s .. %s)", dropped, restored)
          .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
      assertThat(app.failed()).isFalse();

      // An event across the outage gets its clip with the gap reported.
      publishEvent(
          kafka,
          registry,
          topics,
          "across-gap",
          lastBefore.getEnd().minusSeconds(1),
          afterGap.getStart().plusSeconds(1));
      ClipReady withGap = clips.await(1, c -> c.getEventId().equals("across-gap"), app).get(0);
      assertThat(withGap.getHasGaps()).isTrue();
      assertThat(withGap.getGaps()).isNotEmpty();
      assertThat(app.states()).containsEntry("recorder", "RUNNING (1/1 cameras connected)");
    } finally {
      stream.stop();
    }
  }

  private static ClipstreamConfig config(
      RealKafka kafka,
      RealSchemaRegistry registry,
      Map<ContractTopic, String> topics,
      Path dir,
      int port,
      String run) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("roles", "planner,renderer,recorder");
    flags.put("application.id", "recorder-it-" + run);
    flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    flags.put("schema.registry.url", registry.confluentUrl());
    flags.put("state.dir", dir.resolve("state").toString());
    flags.put("storage.uri", dir.resolve("clips").toUri().toString());
    flags.put("sources.allowed.roots", dir.resolve("nvr").toString());
    flags.put("render.work.dir", dir.resolve("render-work").toString());
    flags.put("record.cameras", CAMERA + "=tcp://127.0.0.1:" + port);
    flags.put("record.segment.ms", "3000");
    flags.put("record.storage.uri", dir.resolve("nvr").toUri().toString());
    flags.put("record.work.dir", dir.resolve("record-work").toString());
    flags.put("record.read.timeout.ms", "2000");
    flags.put("record.reconnect.backoff.ms", "200");
    flags.put("record.reconnect.backoff.max.ms", "1000");
    flags.put("record.retention.ms", "3600000");
    flags.put("planner.preroll.ms", "1000");
    flags.put("planner.postroll.ms", "1000");
    flags.put("planner.grace.ms", "1000");
    flags.put("planner.idle.advance.ms", "1000");
    flags.put("planner.segment.wait.ms", "8000");
    flags.put("kafka.commit.interval.ms", "100");
    flags.put("http.port", "0");
    topics.forEach((t, name) -> flags.put(TopicKeys.key(t), name));
    return ConfigLoader.load(Optional.empty(), Map.of(), flags);
  }

  private static void publishEvent(
      RealKafka kafka,
      RealSchemaRegistry registry,
      Map<ContractTopic, String> topics,
      String id,
      Instant start,
      Instant end)
      throws Exception {
    Event event =
        Event.newBuilder()
            .setEventId(id)
            .setCameraId(CAMERA)
            .setTrigger("test")
            .setStart(start)
            .setEnd(end)
            .build();
    try (AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        KafkaProducer<String, SpecificRecord> producer =
            new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(), values)) {
      values.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
      producer.send(new ProducerRecord<>(topics.get(ContractTopic.EVENTS), CAMERA, event)).get();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The ffmpeg CLI serving a file in a loop as live MPEG-TS on a TCP port (it listens). */
  private static final class LiveStream {
    private final Process process;

    private LiveStream(Process process) {
      this.process = process;
    }

    static LiveStream start(Path footage, int port, Path log) throws IOException {
      Process p =
          new ProcessBuilder(
                  "ffmpeg",
                  "-nostdin",
                  "-loglevel",
                  "warning",
                  "-re",
                  "-stream_loop",
                  "-1",
                  "-i",
                  footage.toString(),
                  "-an",
                  "-c",
                  "copy",
                  "-f",
                  "mpegts",
                  "tcp://127.0.0.1:" + port + "?listen=1")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new LiveStream(p);
    }

    void stop() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** Everything committed on one topic so far, read as it arrives. */
  private static final class Records<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaConsumer<String, T> consumer;
    private final List<T> seen = new ArrayList<>();
    private int taken;

    Records(RealKafka kafka, RealSchemaRegistry registry, String topic, Class<T> type) {
      Map<String, Object> config =
          new HashMap<>(kafka.consumerConfig("reader-" + UUID.randomUUID()));
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      SpecificAvroDeserializer<T> values = new SpecificAvroDeserializer<>(type);
      values.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
      consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
      consumer.subscribe(List.of(topic));
    }

    /** The next {@code count} new records matching {@code wanted} (others are passed over). */
    List<T> await(int count, Predicate<T> wanted, ClipstreamApp app) {
      List<T> found = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (found.size() < count) {
        assertThat(app.failed()).as("the service stopped: %s", app.states()).isFalse();
        assertThat(System.nanoTime())
            .as("waiting for %d record(s); seen %s", count, seen)
            .isLessThan(deadline);
        if (taken == seen.size()) {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
          continue;
        }
        T next = seen.get(taken++);
        if (wanted.test(next)) {
          found.add(next);
        }
      }
      return found;
    }

    /** Reads until nothing new came for {@code quiet}; the last record, if any came. */
    Optional<T> awaitQuiet(Duration quiet) {
      Optional<T> last = Optional.empty();
      long until = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < until) {
        int before = seen.size();
        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        if (seen.size() > before) {
          last = Optional.of(seen.get(seen.size() - 1));
          until = System.nanoTime() + quiet.toNanos();
        }
      }
      taken = seen.size();
      return last;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
