package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

  /** The three kill points, four times over: twelve SIGKILLs in one run. */
  private static final List<KillPoint> KILLS =
      java.util.stream.IntStream.range(0, 12).mapToObj(i -> KillPoint.values()[i % 3]).toList();

  /** Each sample event four times under distinct ids: 28 clips, more than one per instance. */
  private static final int COPIES = 4;

  /** The renderer's line for a stored clip: {@code Clip <id> event <event> camera ...}. */
  private static final Pattern STORED_LINE =
      Pattern.compile("Clip (\\S+) event \\S+ camera .* -> s3://");

  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

  /** How long clips.ready is watched after the last clip for a duplicate to show up. */
  private static final Duration QUIET = Duration.ofSeconds(8);

  private static final String PREFIX = ServiceRun.PREFIX;

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
  @Timeout(value = 25, unit = TimeUnit.MINUTES)
  void shouldAnnounceEveryClipExactlyOnceWhenInstancesAreKilledWhileRendering(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    assertThat(ServiceRun.JAR)
        .as("the build packages target/clipstream.jar before integration tests")
        .exists();
    ServiceRun run =
        ServiceRun.create("crash", kafka.clientConfig(), registry.confluentUrl(), s3, COPIES);
    Set<String> events = run.events();
    assertThat(events).hasSize(7 * COPIES);
    List<CrashInstance> instances = new ArrayList<>();
    List<Kill> kills = new ArrayList<>();
    String bucket = run.bucket();
    String readyTopic = run.topic(ContractTopic.CLIPS_READY);
    try (KafkaConsumer<String, ClipReady> ready =
            run.consumer(ContractTopic.CLIPS_READY, ClipReady.class, "read_committed");
        KafkaConsumer<String, ClipReady> sent =
            run.consumer(ContractTopic.CLIPS_READY, ClipReady.class, "read_uncommitted");
        S3Client client = s3.s3Client()) {
      List<ConsumerRecord<String, ClipReady>> announced = new ArrayList<>();
      List<ConsumerRecord<String, ClipReady>> written = new ArrayList<>();
      for (int n = 1; n <= KILLS.size() + 1; n++) {
        CrashInstance instance = run.start();
        instances.add(instance);
        long startedAt = run.starts().get(n - 1);
        if (n == 1) {
          run.publish();
        }
        if (n > KILLS.size()) {
          break;
        }
        // Kill it once it has announced a clip of its own (so it is past restoring) and is at the
        // kill point with a clip not announced yet.
        KillPoint point = KILLS.get(n - 1);
        ConsumerRecord<?, ?>[] pendingRecord = new ConsumerRecord<?, ?>[1];
        String[] target = new String[1];
        ServiceRun.await(
            instance,
            ready,
            announced,
            "instance " + n + " to announce a clip and reach " + point + " with the next",
            STEP_TIMEOUT,
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
      ServiceRun.await(
          last,
          ready,
          announced,
          "every event to be announced on " + readyTopic,
          STEP_TIMEOUT,
          () ->
              announced.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet()).size()
                  >= events.size());
      long complete = System.currentTimeMillis();
      CrashEndpoints.assertHealthyWithMetrics(last);
      ServiceRun.drain(ready, announced, QUIET);
      ServiceRun.drain(sent, written, Duration.ZERO);

      // Exactly once on clips.ready.
      List<String> eventIds = announced.stream().map(r -> r.value().getEventId()).toList();
      List<String> clipIds = announced.stream().map(r -> r.value().getClipId()).toList();
      assertThat(eventIds).as("events announced on %s", readyTopic).hasSize(events.size());
      assertThat(eventIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(events);
      assertThat(clipIds).doesNotHaveDuplicates();
      assertThat(announced).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getEventId()));
      int failed = run.readAll(ContractTopic.CLIPS_FAILED, ClipFailed.class).size();
      assertThat(failed).as("records on clips.failed").isZero();

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
      for (ConsumerRecord<String, ClipReady> r : announced) {
        URI sidecar = URI.create(r.value().getSidecarUri());
        assertThat(objects).anyMatch(o -> o.key().equals(sidecar.getPath().substring(1)));
      }
      ServiceRun.Outcome outcome = run.outcome(announced, failed);
      assertThat(outcome.problems()).as("invalid clips").isEmpty();
      assertThat(outcome.perfect()).as("%s", outcome).isTrue();

      printReport(kills, instances, run.starts(), announced, written.size(), complete, lost);
      ServiceRun.report(
          "kill -9 of the service JVM, " + kills.size() + " times while rendering",
          outcome,
          String.format(
              "%d instances; kill points %s; %d kill(s) landed after the commit (race lost);"
                  + " recovery from a kill to the next clip: median %d s",
              instances.size(),
              KILLS.stream().distinct().toList(),
              lost.size(),
              medianRecoverySeconds(kills, announced)));
      run.deleteFiles(); // kept when the test fails, for a look at the state and work directories
    } catch (Throwable t) {
      System.err.println("RendererCrashIT failed; the service's logs:");
      instances.forEach(i -> System.err.println("  " + i));
      System.err.println(run.diagnostics());
      throw t;
    } finally {
      run.close();
    }
  }

  /** Median time from each kill to the next clip committed after it. */
  private static long medianRecoverySeconds(
      List<Kill> kills, List<ConsumerRecord<String, ClipReady>> announced) {
    List<Long> gaps =
        kills.stream()
            .map(
                k ->
                    announced.stream()
                            .mapToLong(ConsumerRecord::timestamp)
                            .filter(t -> t >= k.killedAt())
                            .min()
                            .orElse(k.killedAt())
                        - k.killedAt())
            .sorted()
            .toList();
    return gaps.isEmpty() ? 0 : gaps.get(gaps.size() / 2) / 1000;
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
}
