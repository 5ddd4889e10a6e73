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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The packaged service rides through an outage of a service it depends on: the S3 store, then the
 * schema registry, each down for {@link #OUTAGE} in the middle of a run of the sample (every event
 * twice, 14 clips). Every clip is announced exactly once, valid and complete in S3, and none fails:
 * the renderer retries a clip whose upload failed, and the registry client waits for the registry
 * instead of failing the stream thread or dead-lettering what it reads.
 *
 * <p>Each test stops a shared component, so it holds that component's lock exclusively.
 */
@WithRealComponents
class ServiceOutagesIT {

  /**
   * 60 s as the reliability issue asks; {@code -Dclipstream.reliability.outage.seconds} to vary.
   */
  private static final Duration OUTAGE =
      Duration.ofSeconds(Integer.getInteger("clipstream.reliability.outage.seconds", 60));

  static final Duration STEP_TIMEOUT = Duration.ofMinutes(4);

  /** How long clips.ready is watched after the last clip for a duplicate to show up. */
  private static final Duration QUIET = Duration.ofSeconds(8);

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  @ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
  @ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ_WRITE)
  void shouldAnnounceEveryClipOnceWhenTheStoreIsUnavailableForAMinute(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    ServiceRun run =
        ServiceRun.create("s3-outage", kafka.clientConfig(), registry.confluentUrl(), s3, 2);
    try (KafkaConsumer<String, ClipReady> ready =
        run.consumer(ContractTopic.CLIPS_READY, ClipReady.class, "read_committed")) {
      List<ConsumerRecord<String, ClipReady>> announced = new ArrayList<>();
      CrashInstance instance = run.startPublishAndAwaitFirstClip(ready, announced, STEP_TIMEOUT);

      s3.stop();
      long downAt = System.currentTimeMillis();
      int before = announced.size();
      watch(instance, ready, announced, OUTAGE);
      int during = announced.size() - before;
      s3.start();
      long upAt = System.currentTimeMillis();

      Outcome result = finish(run, instance, ready, announced);
      long retries = instance.logText().lines().filter(l -> l.contains("; retrying in ")).count();
      assertThat(retries)
          .as("renders that failed to reach the store and were retried (the outage hit a render)")
          .isPositive();
      ServiceRun.report(
          "S3 store unavailable for " + OUTAGE.toSeconds() + " s",
          result.outcome(),
          String.format(
              "stopped %d s into the run; %d clip(s) announced during the outage (stored before"
                  + " it); %d clip renders retried with backoff after the store client's own 5 attempts;"
                  + " first clip %d s after the store"
                  + " returned; last clip %d s after",
              (downAt - run.starts().get(0)) / 1000,
              during,
              retries,
              result.firstAfter(upAt) / 1000,
              (result.complete() - upAt) / 1000));
      assertThat(result.outcome().problems()).as("invalid clips").isEmpty();
      assertThat(result.outcome().perfect()).as("%s", result.outcome()).isTrue();
      run.deleteFiles();
    } catch (Throwable t) {
      System.err.println("The store outage test failed: " + run.instances());
      System.err.println(run.diagnostics());
      throw t;
    } finally {
      run.close();
      s3.start();
    }
  }

  /**
   * The registry goes down while an instance renders with warm caches; 10 s later that instance is
   * SIGKILLed and replaced by a new one whose caches are cold, so it needs the registry for every
   * schema id it reads and every schema it writes while none is there.
   */
  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  @ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ_WRITE)
  @ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
  void shouldAnnounceEveryClipOnceWhenTheRegistryIsUnavailableForAMinute(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    ServiceRun run =
        ServiceRun.create("registry-outage", kafka.clientConfig(), registry.confluentUrl(), s3, 2);
    try (KafkaConsumer<String, ClipReady> ready =
        run.consumer(ContractTopic.CLIPS_READY, ClipReady.class, "read_committed")) {
      List<ConsumerRecord<String, ClipReady>> announced = new ArrayList<>();
      CrashInstance first = run.startPublishAndAwaitFirstClip(ready, announced, STEP_TIMEOUT);

      registry.stop();
      long downAt = System.currentTimeMillis();
      int before = announced.size();
      watch(first, ready, announced, Duration.ofSeconds(10));
      int warm = announced.size() - before;
      first.kill();
      CrashInstance second = run.start();
      watch(second, ready, announced, OUTAGE.minusSeconds(10));
      int cold = announced.size() - before - warm;
      registry.start();
      long upAt = System.currentTimeMillis();

      Outcome result = finish(run, second, ready, announced);
      long waits =
          second.logText().lines().filter(l -> l.contains("No schema registry answered")).count();
      assertThat(waits)
          .as("registry requests of the new instance that waited for the registry")
          .isPositive();
      ServiceRun.report(
          "schema registry unavailable for " + OUTAGE.toSeconds() + " s",
          result.outcome(),
          String.format(
              "stopped %d s into the run; the running instance (warm caches) announced %d clip(s)"
                  + " in the first 10 s, was then SIGKILLed; its replacement (cold caches) waited"
                  + " for the registry (%d warnings) and announced %d during the outage; first clip"
                  + " %d s after the registry returned, last %d s after",
              (downAt - run.starts().get(0)) / 1000,
              warm,
              waits,
              cold,
              result.firstAfter(upAt) / 1000,
              (result.complete() - upAt) / 1000));
      assertThat(result.outcome().problems()).as("invalid clips").isEmpty();
      assertThat(result.outcome().perfect()).as("%s", result.outcome()).isTrue();
      run.deleteFiles();
    } catch (Throwable t) {
      System.err.println("The registry outage test failed: " + run.instances());
      System.err.println(run.diagnostics());
      throw t;
    } finally {
      run.close();
      registry.start();
    }
  }

  /** What a run came to after its fault, and when its clips were committed. */
  record Outcome(ServiceRun.Outcome outcome, List<Long> times, long complete) {

    /** Milliseconds from {@code instant} to the first clip committed after it. */
    long firstAfter(long instant) {
      return times.stream().filter(t -> t >= instant).findFirst().orElse(instant) - instant;
    }
  }

  /** Keeps reading clips.ready for {@code period}; fails if the instance exits meanwhile. */
  static void watch(
      CrashInstance instance,
      KafkaConsumer<String, ClipReady> ready,
      List<ConsumerRecord<String, ClipReady>> announced,
      Duration period) {
    long until = System.nanoTime() + period.toNanos();
    ServiceRun.await(
        instance,
        ready,
        announced,
        "the end of the fault",
        period.plusMinutes(1),
        () -> System.nanoTime() >= until);
  }

  /** Waits for every event, reads on for {@link #QUIET}, and checks what came out. */
  static Outcome finish(
      ServiceRun run,
      CrashInstance instance,
      KafkaConsumer<String, ClipReady> ready,
      List<ConsumerRecord<String, ClipReady>> announced)
      throws Exception {
    Set<String> events = run.events();
    ServiceRun.await(
        instance,
        ready,
        announced,
        "every event to be announced",
        STEP_TIMEOUT,
        () ->
            announced.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet()).size()
                >= events.size());
    long complete = System.currentTimeMillis();
    ServiceRun.drain(ready, announced, QUIET);
    CrashEndpoints.assertHealthyWithMetrics(instance);
    int failed = run.readAll(ContractTopic.CLIPS_FAILED, ClipFailed.class).size();
    List<Long> times = announced.stream().map(ConsumerRecord::timestamp).sorted().toList();
    return new Outcome(run.outcome(announced, failed), times, complete);
  }
}
