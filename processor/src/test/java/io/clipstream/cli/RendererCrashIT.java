package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.media.Directories;
import io.clipstream.media.Ffprobe;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The packaged service ({@code java -jar clipstream.jar run}) killed with SIGKILL three times while
 * rendering, each time replaced by a fresh instance on a new state directory (as if on another
 * machine, restoring its stores from the changelogs). The kills land where a crash is most likely
 * to lose or double a clip: while a clip is being encoded, right after a clip is complete in S3 but
 * before it is announced, and while its clip-ready record sits in an open transaction. Every event
 * of the bundled sample is announced on clips.ready (read_committed) exactly once, and S3 holds
 * exactly one complete clip per event, the one each announcement describes.
 *
 * <p>The second and third kill points are races against the renderer's commit; a run that loses one
 * (the clip was committed before the kill) still checks exactly-once and says so in its report.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
class RendererCrashIT {

  private static final Path JAR = Path.of("target", "clipstream.jar");

  /** Where a killed instance is stopped; the instance after the last kill finishes the work. */
  private enum KillPoint {
    /** While the encoder writes a clip not announced yet. */
    ENCODING,
    /** Right after a clip is complete in S3 (its log line), before its announcement commits. */
    STORED,
    /** While the clip-ready record is in an open transaction: read_uncommitted sees it only. */
    ANNOUNCING
  }

  private static final List<KillPoint> KILLS =
      List.of(KillPoint.ENCODING, KillPoint.STORED, KillPoint.ANNOUNCING);

  /** The renderer's line for a stored clip: {@code Clip <id> event <event> camera ...}. */
  private static final Pattern STORED_LINE =
      Pattern.compile("Clip (\\S+) event \\S+ camera .* -> s3://");

  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

  /** How long clips.ready is watched after the last clip for a duplicate to show up. */
  private static final Duration QUIET = Duration.ofSeconds(8);

  private static final String PREFIX = "clips/";

  /**
   * One killed instance: when, at which clip, and (for {@link KillPoint#ANNOUNCING}) the offset of
   * its uncommitted clip-ready record, else -1.
   */
  private record Kill(
      int instance,
      KillPoint point,
      long startedAt,
      long killedAt,
      String clip,
      long offset,
      int exitStatus,
      boolean storedBeforeKill) {}

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void shouldAnnounceEveryClipExactlyOnceWhenInstancesAreKilledWhileRendering(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    assertThat(JAR)
        .as("the build packages target/clipstream.jar before integration tests")
        .exists();
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path dir = Path.of("target", "crash-it", run).toAbsolutePath();
    DemoData data = DemoData.extract(dir);
    Set<String> events = data.eventIds();
    assertThat(events).hasSize(7);

    Map<ContractTopic, String> topics = new EnumMap<>(ContractTopic.class);
    try (Admin admin = kafka.adminClient()) {
      List<NewTopic> created = new ArrayList<>();
      for (ContractTopic t : ContractTopic.values()) {
        topics.put(t, "crash-" + run + "-" + t.defaultName());
        // The inputs are joined per camera: the same partition count; two tasks of each.
        int partitions =
            switch (t) {
              case DETECTIONS, EVENTS, SEGMENTS, RENDER_COMMANDS -> 2;
              default -> 1;
            };
        // Default retention on purpose: the planner stamps its outputs with the wall clock, so
        // commands about 2024 footage are not deleted before the renderer reads them.
        created.add(new NewTopic(topics.get(t), partitions, (short) 1));
      }
      admin.createTopics(created).all().get(30, TimeUnit.SECONDS);
    }
    String bucket = "crash-" + run;
    s3.createBucket(bucket);

    Map<String, String> common = new LinkedHashMap<>();
    common.put("roles", "planner,renderer");
    common.put("application.id", "crash-it-" + run);
    common.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    common.put("schema.registry.url", registry.confluentUrl());
    common.put("sources.allowed.roots", data.recordings().toString());
    common.put("http.port", "0");
    common.put("topic.detections", topics.get(ContractTopic.DETECTIONS));
    common.put("topic.events", topics.get(ContractTopic.EVENTS));
    common.put("topic.segments", topics.get(ContractTopic.SEGMENTS));
    common.put("topic.render-commands", topics.get(ContractTopic.RENDER_COMMANDS));
    common.put("topic.clips-ready", topics.get(ContractTopic.CLIPS_READY));
    common.put("topic.clips-failed", topics.get(ContractTopic.CLIPS_FAILED));
    common.put("topic.dead-letter", topics.get(ContractTopic.DEAD_LETTER));
    common.put("storage.uri", "s3://" + bucket + "/" + PREFIX.replaceFirst("/$", ""));
    common.put("storage.s3.endpoint", s3.endpoint().toString());
    common.put("storage.s3.region", s3.region());
    // One render at a time, slow enough that a kill lands in the middle of one.
    common.put("render.workers", "1");
    common.put("render.max.concurrent.encoders", "1");
    common.put("render.preset", "medium");
    // As the demo: the sample is old, so the planner's clock follows the wall clock soon.
    common.put("planner.idle.advance.ms", "1000");
    common.put("planner.grace.ms", "2000");
    common.put("planner.segment.wait.ms", "30000");
    // Transactions commit every 2 s: a clip-ready record sits in an open transaction, visible to
    // read_uncommitted only, for up to 2 s (the ANNOUNCING kill's window).
    common.put("kafka.commit.interval.ms", "2000");
    // A killed member leaves the group after the broker's minimum session timeout.
    common.put("kafka.session.timeout.ms", "6000");
    common.put("kafka.heartbeat.interval.ms", "1500");
    // Credentials through the AWS SDK's default chain, as in production.
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID", s3.accessKey(),
            "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
            "AWS_REGION", s3.region());

    Path logDir = logDir();
    List<CrashInstance> instances = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    List<Kill> kills = new ArrayList<>();
    String readyTopic = topics.get(ContractTopic.CLIPS_READY);
    try (KafkaConsumer<String, ClipReady> ready =
            consumer(kafka, registry, readyTopic, ClipReady.class, "read_committed");
        KafkaConsumer<String, ClipReady> sent =
            consumer(kafka, registry, readyTopic, ClipReady.class, "read_uncommitted");
        S3Client client = s3.s3Client()) {
      List<ConsumerRecord<String, ClipReady>> announced = new ArrayList<>();
      List<ConsumerRecord<String, ClipReady>> written = new ArrayList<>();
      for (int n = 1; n <= KILLS.size() + 1; n++) {
        common.put("http.port", Integer.toString(freePort()));
        CrashInstance instance =
            CrashInstance.start(JAR, n, dir.resolve("instance-" + n), logDir, common, env);
        instance.httpPort(Integer.parseInt(common.get("http.port")));
        instances.add(instance);
        long startedAt = System.currentTimeMillis();
        starts.add(startedAt);
        if (n == 1) {
          publish(kafka, registry, data, topics);
        }
        if (n > KILLS.size()) {
          break;
        }
        // Kill it once it has announced a clip of its own (so it is past restoring) and is at the
        // kill point with a clip not announced yet.
        KillPoint point = KILLS.get(n - 1);
        ConsumerRecord<?, ?>[] pendingRecord = new ConsumerRecord<?, ?>[1];
        String[] target = new String[1];
        await(
            instance,
            ready,
            announced,
            "instance " + n + " to announce a clip and reach " + point + " with the next",
            () -> {
              Set<String> answered =
                  announced.stream().map(r -> r.value().getClipId()).collect(Collectors.toSet());
              assertThat(answered)
                  .as(
                      "clips left to render when instance %d is to be killed (renders too fast"
                          + " for this test?)",
                      instance.number())
                  .hasSizeLessThan(events.size());
              if (announced.stream().noneMatch(r -> r.timestamp() >= startedAt)) {
                return false;
              }
              Optional<String> clip =
                  switch (point) {
                    case ENCODING ->
                        instance.clipsBeingWritten().stream()
                            .filter(c -> !answered.contains(c))
                            .findFirst();
                    case STORED ->
                        stored(instance).stream().filter(c -> !answered.contains(c)).findFirst();
                    case ANNOUNCING -> {
                      sent.poll(Duration.ofMillis(5)).forEach(written::add);
                      Set<Long> committed =
                          announced.stream()
                              .map(ConsumerRecord::offset)
                              .collect(Collectors.toSet());
                      Optional<ConsumerRecord<String, ClipReady>> open =
                          written.stream()
                              .filter(r -> r.timestamp() >= startedAt)
                              .filter(r -> !committed.contains(r.offset()))
                              .filter(r -> !answered.contains(r.value().getClipId()))
                              .findFirst();
                      open.ifPresent(r -> pendingRecord[0] = r);
                      yield open.map(r -> r.value().getClipId());
                    }
                  };
              clip.ifPresent(c -> target[0] = c);
              return clip.isPresent();
            });
        long killedAt = System.currentTimeMillis();
        int status = instance.kill();
        boolean stored = storedClipIds(client, bucket).contains(target[0]);
        long offset = pendingRecord[0] == null ? -1 : pendingRecord[0].offset();
        kills.add(new Kill(n, point, startedAt, killedAt, target[0], offset, status, stored));
        assertThat(status)
            .as("exit status of %s after destroyForcibly (SIGKILL is 128 + 9)", instance)
            .isEqualTo(CrashInstance.SIGKILL_STATUS);
        if (point == KillPoint.ENCODING) {
          // A short render may finish its upload between the last look and the kill; the kill
          // then landed after the upload (reported as a race below), which is no failure.
          if (!stored) {
            assertThat(stored(instance))
                .as("%s finished no render of %s before it was killed", instance, target[0])
                .doesNotContain(target[0]);
          }
        } else {
          assertThat(stored)
              .as("%s had stored %s completely when it was killed", instance, target[0])
              .isTrue();
        }
      }

      CrashInstance last = instances.get(instances.size() - 1);
      await(
          last,
          ready,
          announced,
          "every event to be announced on " + readyTopic,
          () ->
              announced.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet()).size()
                  >= events.size());
      long complete = System.currentTimeMillis();
      CrashEndpoints.assertHealthyWithMetrics(last);
      drain(ready, announced, QUIET);
      drain(sent, written, Duration.ZERO);

      // Exactly once on clips.ready.
      List<String> eventIds = announced.stream().map(r -> r.value().getEventId()).toList();
      List<String> clipIds = announced.stream().map(r -> r.value().getClipId()).toList();
      assertThat(eventIds).as("events announced on %s", readyTopic).hasSize(events.size());
      assertThat(eventIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(events);
      assertThat(clipIds).doesNotHaveDuplicates();
      assertThat(announced).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getEventId()));
      assertThat(
              readAll(
                  kafka,
                  registry,
                  topics.get(ContractTopic.CLIPS_FAILED),
                  ClipFailed.class,
                  "read_committed"))
          .as("clips.failed")
          .isEmpty();

      // Each killed instance's clip is announced once, by a later instance unless the kill came
      // after its commit; a later instance finding the clip complete in S3 keeps it.
      List<String> lost = new ArrayList<>();
      for (Kill k : kills) {
        ConsumerRecord<String, ClipReady> record =
            announced.stream()
                .filter(r -> r.value().getClipId().equals(k.clip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(k + ": its clip was never announced"));
        if (k.point() == KillPoint.ENCODING && k.storedBeforeKill()) {
          lost.add(k.point() + " (instance " + k.instance() + ": its upload finished first)");
        }
        if (record.timestamp() < k.killedAt()) {
          assertThat(k.point())
              .as("%s: announced before the kill", k)
              .isNotEqualTo(KillPoint.ENCODING);
          lost.add(k.point() + " (instance " + k.instance() + ")");
          continue;
        }
        if (k.point() == KillPoint.ANNOUNCING) {
          assertThat(written)
              .as("the record of %s left in an open transaction is in the log", k)
              .anyMatch(r -> r.offset() == k.offset() && r.value().getClipId().equals(k.clip()));
          assertThat(record.offset())
              .as("%s: its uncommitted record was aborted, another one committed", k)
              .isGreaterThan(k.offset());
        }
        if (k.point() != KillPoint.ENCODING) {
          // Not necessarily the next instance: it may be killed itself before it reaches the clip.
          List<CrashInstance> later = instances.subList(k.instance(), instances.size());
          assertThat(later.stream().flatMap(i -> i.logText().lines()))
              .as(
                  "a later instance (%s) kept the clip %s the killed instance had stored",
                  later, k.clip())
              .anyMatch(
                  l ->
                      l.contains("Clip " + k.clip() + " event")
                          && l.contains("(already stored: kept)"));
        }
      }

      // Credentials reach the service through the environment and never its log.
      for (CrashInstance i : instances) {
        assertThat(i.logText()).as("log of %s", i).doesNotContain(s3.secretKey());
      }

      // Each later instance started from an empty state directory and found the killed
      // instance's pending commands in the restored store.
      for (CrashInstance i : instances.subList(1, instances.size())) {
        assertThat(i.logText())
            .as("%s restored the pending render commands from the changelog", i)
            .contains("pending from before; rendering them");
      }

      // Exactly one complete clip per event in S3, matching its record.
      List<S3Object> objects =
          client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(PREFIX)).contents().stream()
              .toList();
      Map<String, Long> byExtension =
          objects.stream()
              .collect(
                  Collectors.groupingBy(
                      o -> o.key().substring(o.key().lastIndexOf('.') + 1), Collectors.counting()));
      assertThat(byExtension)
          .as("objects under s3://%s/%s: %s", bucket, PREFIX, objects)
          .containsEntry("mp4", (long) events.size())
          .containsEntry("json", (long) events.size());
      assertThat(byExtension.keySet()).isSubsetOf("mp4", "json", "jpg");
      Path downloads = Files.createDirectories(dir.resolve("downloads"));
      for (ConsumerRecord<String, ClipReady> r : announced) {
        ClipReady clip = r.value();
        URI video = URI.create(clip.getVideoUri());
        assertThat(video.getScheme()).isEqualTo("s3");
        assertThat(video.getHost()).isEqualTo(bucket);
        String key = video.getPath().substring(1);
        assertThat(key).startsWith(PREFIX).endsWith(clip.getClipId() + ".mp4");
        byte[] bytes = client.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
        assertThat((long) bytes.length).as("size of %s", video).isEqualTo(clip.getSizeBytes());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
            .as("SHA-256 of %s", video)
            .isEqualTo(clip.getSha256());
        Path file = Files.write(downloads.resolve(clip.getClipId() + ".mp4"), bytes);
        JsonNode stream = Ffprobe.videoStream(file);
        assertThat(stream.path("codec_name").asText()).as("codec of %s", video).isEqualTo("h264");
        assertThat(stream.path("nb_frames").asLong())
            .as("frames of %s", video)
            .isEqualTo(clip.getFrames());
        URI sidecar = URI.create(clip.getSidecarUri());
        assertThat(objects).anyMatch(o -> o.key().equals(sidecar.getPath().substring(1)));
      }

      printReport(kills, instances, starts, announced, written.size(), complete, lost);
      for (CrashInstance i : instances) {
        i.close();
      }
      Directories.deleteTree(
          dir); // kept when the test fails, for a look at the state and work directories
    } catch (Throwable t) {
      System.err.println("RendererCrashIT failed; the service's logs:");
      instances.forEach(i -> System.err.println("  " + i));
      System.err.println(CrashDiagnostics.describe(kafka, "crash-" + run, "crash-it-" + run));
      throw t;
    } finally {
      for (CrashInstance i : instances) {
        i.close();
      }
    }
  }

  /**
   * Polls clips.ready into {@code announced} until {@code done}; fails when the instance exits or
   * after {@link #STEP_TIMEOUT}.
   */
  private static void await(
      CrashInstance instance,
      KafkaConsumer<String, ClipReady> ready,
      List<ConsumerRecord<String, ClipReady>> announced,
      String what,
      BooleanSupplier done) {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (true) {
      ready.poll(Duration.ofMillis(25)).forEach(announced::add);
      if (done.getAsBoolean()) {
        return;
      }
      if (!instance.isAlive()) {
        throw new AssertionError(
            instance
                + " exited with status "
                + instance.exitStatus().orElseThrow()
                + " while waiting for "
                + what
                + "; log tail:\n"
                + instance.logTail(40));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "No "
                + what
                + " within "
                + STEP_TIMEOUT.toSeconds()
                + " s; "
                + announced.size()
                + " clip(s) announced; "
                + instance
                + " log tail:\n"
                + instance.logTail(40));
      }
    }
  }

  /** Keeps reading for {@code quiet}, then until the end offsets (the LSO, read_committed). */
  private static <V> void drain(
      KafkaConsumer<String, V> consumer, List<ConsumerRecord<String, V>> into, Duration quiet) {
    long until = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < until) {
      consumer.poll(Duration.ofMillis(200)).forEach(into::add);
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      assertThat(System.nanoTime()).as("reached the end offsets %s", end).isLessThan(deadline);
      consumer.poll(Duration.ofMillis(200)).forEach(into::add);
    }
  }

  private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(
      RealKafka kafka, RealSchemaRegistry registry, String topic, Class<V> type, String isolation) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> c = consumer(kafka, registry, topic, type, isolation)) {
      drain(c, records, Duration.ofMillis(500));
    }
    return records;
  }

  /** A consumer of every partition of {@code topic} from the beginning, with no group. */
  private static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(
      RealKafka kafka, RealSchemaRegistry registry, String topic, Class<V> type, String isolation) {
    Map<String, Object> config = kafka.clientConfig();
    config.put("isolation.level", isolation);
    config.put("enable.auto.commit", false);
    config.put("auto.offset.reset", "earliest");
    SpecificAvroDeserializer<V> values = new SpecificAvroDeserializer<>(type);
    values.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), values);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /** Publishes the bundled sample as {@code clipstream publish} does, to the test's topics. */
  private static void publish(
      RealKafka kafka,
      RealSchemaRegistry registry,
      DemoData data,
      Map<ContractTopic, String> topics)
      throws Exception {
    data.publish(
        kafka.bootstrapServers(),
        Map.of("schema.registry.url", registry.confluentUrl()),
        kind -> topics.get(kind.topic()));
  }

  /** Clip ids the instance has logged as stored. */
  private static List<String> stored(CrashInstance instance) {
    List<String> ids = new ArrayList<>();
    Matcher m = STORED_LINE.matcher(instance.logText());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /** Clip ids with a side-car (the last object a store writes) under the prefix. */
  private static Set<String> storedClipIds(S3Client client, String bucket) {
    return client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(PREFIX)).contents().stream()
        .map(S3Object::key)
        .filter(k -> k.endsWith(".json"))
        .map(k -> k.substring(k.lastIndexOf('/') + 1, k.length() - ".json".length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Path logDir() {
    String configured = System.getProperty("clipstream.it.logs");
    return (configured == null || configured.isBlank()
            ? Path.of("target", "it-logs")
            : Path.of(configured))
        .toAbsolutePath();
  }

  private static void printReport(
      List<Kill> kills,
      List<CrashInstance> instances,
      List<Long> starts,
      List<ConsumerRecord<String, ClipReady>> announced,
      int written,
      long complete,
      List<String> lost) {
    long t0 = starts.get(0);
    StringBuilder out = new StringBuilder("RendererCrashIT report (times in ms)\n");
    for (int i = 0; i < instances.size(); i++) {
      long start = starts.get(i);
      long end = i < kills.size() ? kills.get(i).killedAt() : Long.MAX_VALUE;
      List<Long> own =
          announced.stream()
              .map(ConsumerRecord::timestamp)
              .filter(t -> t >= start && t < end)
              .sorted()
              .toList();
      out.append(
          String.format(
              "  instance %d: started at %+d (%d after the previous kill), first clip of its own"
                  + " announced %d after its start, %d clip(s) committed",
              i + 1,
              start - t0,
              i == 0 ? 0 : start - kills.get(i - 1).killedAt(),
              own.isEmpty() ? -1 : own.get(0) - start,
              own.size()));
      if (i < kills.size()) {
        Kill k = kills.get(i);
        out.append(
            String.format(
                "; SIGKILLed (exit %d) %d after its start at %s of %s",
                k.exitStatus(), k.killedAt() - start, k.point(), k.clip()));
      }
      out.append('\n');
    }
    out.append(
        String.format(
            "  all %d events announced at %+d; clips.ready holds %d committed record(s), %d"
                + " written (read_uncommitted: aborted ones included)%n",
            announced.size(), complete - t0, announced.size(), written));
    if (!lost.isEmpty()) {
      out.append("  kill points that came after the commit (race lost, not exercised): ")
          .append(lost)
          .append('\n');
    }
    instances.forEach(i -> out.append("  log: ").append(i.log()).append('\n'));
    System.out.print(out);
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
