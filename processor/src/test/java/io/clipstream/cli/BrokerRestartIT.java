package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.ClipReady;
import io.clipstream.testkit.KafkaBrokerProcess;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The packaged service keeps its exactly-once promise across broker restarts: the broker (a real
 * KRaft node in its own JVM, same ports and data across restarts) is restarted cleanly once a clip
 * is out, then SIGKILLed once the service has announced a clip after that, and started again. Every
 * clip is announced exactly once, valid and complete in S3, with no instance restarted.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
class BrokerRestartIT {

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void shouldAnnounceEveryClipOnceAcrossACleanBrokerRestartAndABrokerCrash(
      RealSchemaRegistry registry, RealS3 s3) throws Exception {
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.plaintext("broker-restart-it").start()) {
      ServiceRun run =
          ServiceRun.create(
              "broker-restart", broker.clientConfig(), registry.confluentUrl(), s3, 2);
      try (KafkaConsumer<String, ClipReady> ready =
          run.consumer(ContractTopic.CLIPS_READY, ClipReady.class, "read_committed")) {
        List<ConsumerRecord<String, ClipReady>> announced = new ArrayList<>();
        CrashInstance instance =
            run.startPublishAndAwaitFirstClip(ready, announced, ServiceOutagesIT.STEP_TIMEOUT);

        long restartAt = System.currentTimeMillis();
        broker.restart();
        long restartedAt = System.currentTimeMillis();
        int before = announced.size();
        ServiceRun.await(
            instance,
            ready,
            announced,
            "a clip after the clean restart",
            ServiceOutagesIT.STEP_TIMEOUT,
            () -> announced.size() > before);
        long firstAfterRestart = System.currentTimeMillis();

        broker.kill();
        long killedAt = System.currentTimeMillis();
        Thread.sleep(5_000); // down for a while, as a crashed broker is until its pod is back
        broker.start();
        long backAt = System.currentTimeMillis();

        ServiceOutagesIT.Outcome result = ServiceOutagesIT.finish(run, instance, ready, announced);
        ServiceRun.report(
            "broker restarted cleanly, then SIGKILLed and down 5 s",
            result.outcome(),
            String.format(
                "one service instance throughout; clean restart took %.1f s, next clip %d s after"
                    + " it; the broker was down %.1f s after SIGKILL, first clip %d s after it was"
                    + " back, last %d s after",
                (restartedAt - restartAt) / 1000.0,
                (firstAfterRestart - restartedAt) / 1000,
                (backAt - killedAt) / 1000.0,
                result.firstAfter(backAt) / 1000,
                (result.complete() - backAt) / 1000));
        assertThat(instance.isAlive()).as("the service survived both broker faults").isTrue();
        assertThat(result.outcome().problems()).as("invalid clips").isEmpty();
        assertThat(result.outcome().perfect()).as("%s", result.outcome()).isTrue();
        run.deleteFiles();
      } catch (Throwable t) {
        System.err.println("The broker restart test failed: " + run.instances());
        System.err.println("Broker log: " + broker.logFile());
        System.err.println(run.diagnostics());
        throw t;
      } finally {
        run.close();
      }
    }
  }
}
