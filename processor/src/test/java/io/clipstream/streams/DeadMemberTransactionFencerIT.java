package io.clipstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.WithRealComponents;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * The fencer against the real broker, whose own abort of a dead producer's transaction comes only
 * {@code transaction.timeout.ms} plus up to {@code
 * transaction.abort.timed.out.transaction.cleanup.interval.ms} (10 s, not shortened here) after the
 * transaction began: each bound below is shorter, so the tests fail if the fencer does nothing.
 */
@WithRealComponents
class DeadMemberTransactionFencerIT {

  /** What Kafka Streams gives its producers under exactly-once. */
  private static final int STREAMS_TRANSACTION_TIMEOUT_MS = 10_000;

  @Test
  void shouldAbortTheOpenTransactionOfAProcessThatLeftTheGroupAndNoOther(RealKafka kafka)
      throws Exception {
    Run names = Run.create(kafka, "renderer");
    String run = names.id();
    String app = names.app();
    String input = names.input();
    String output = names.output();
    UUID live = UUID.randomUUID();
    TopicPartition deadOnes = new TopicPartition(input, 0);
    TopicPartition liveOnes = new TopicPartition(input, 1);

    String zombieId = app + "-" + UUID.randomUUID() + "-1";
    long began = System.currentTimeMillis();
    try (KafkaProducer<String, String> zombie =
            openTransaction(kafka, zombieId, output, app, deadOnes);
        KafkaProducer<String, String> liveMembers =
            openTransaction(kafka, app + "-" + live + "-1", output, app, liveOnes);
        KafkaProducer<String, String> otherApps =
            openTransaction(
                kafka,
                "other-" + run + "-renderer-" + UUID.randomUUID() + "-1",
                output,
                null,
                null);
        KafkaConsumer<String, String> member = member(kafka, app, live, input);
        Admin admin = kafka.adminClient();
        DeadMemberTransactionFencer fencer =
            new DeadMemberTransactionFencer(
                "renderer",
                app,
                () -> Optional.of(live),
                kafka.clientConfig(),
                kafka.producerConfig(),
                Duration.ofMillis(200))) {
      assertThatThrownBy(() -> member.committed(Set.of(deadOnes), Duration.ofSeconds(1)))
          .as("the open transaction's offset commit keeps the offset unstable")
          .isInstanceOf(TimeoutException.class);
      assertThat(ongoing(admin)).contains(zombieId, app + "-" + live + "-1");

      fencer.onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);

      Map<TopicPartition, OffsetAndMetadata> committed =
          member.committed(Set.of(deadOnes), Duration.ofSeconds(5));
      long readable = System.currentTimeMillis() - began;
      assertThat(committed.get(deadOnes)).as("the aborted offset commit is gone").isNull();
      assertThat(readable)
          .as("offsets readable long before the broker's own abort")
          .isLessThan(STREAMS_TRANSACTION_TIMEOUT_MS - 2_000);
      fencer.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);

      List<String> stillOpen = ongoing(admin);
      assertThat(stillOpen)
          .as("the live member's and the other application's transactions stay open")
          .contains(app + "-" + live + "-1")
          .anyMatch(id -> id.startsWith("other-" + run));
      assertThat(stillOpen).doesNotContain(zombieId);
      assertThatThrownBy(zombie::commitTransaction)
          .as("the zombie was fenced, not just timed out")
          .isInstanceOf(KafkaException.class);
      liveMembers.commitTransaction();
      otherApps.abortTransaction();
    }
  }

  @Test
  void shouldLetASurvivorBlockedOnADeadMembersTransactionRunWhileItRebalances(RealKafka kafka)
      throws Exception {
    Run names = Run.create(kafka, "planner");
    String app = names.app();
    try (KafkaProducer<String, String> records =
        new KafkaProducer<>(
            kafka.producerConfig(), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 20; i++) {
        records.send(new ProducerRecord<>(names.input(), "cam-" + i, "v" + i)).get();
      }
    }
    List<KafkaStreams.State> survivorStates = new CopyOnWriteArrayList<>();
    try (KafkaStreams survivor = streams(kafka, app, names.input(), names.output());
        KafkaStreams victim = streams(kafka, app, names.input(), names.output());
        Admin admin = kafka.adminClient()) {
      InstanceTasks tasks = InstanceTasks.watch("planner", survivor);
      InstanceTasks.watch("planner", victim);
      Properties config = streamsConfig(kafka, app);
      DeadMemberTransactionFencer fencer =
          DeadMemberTransactionFencer.forStreams(
                  "planner", survivor, config, Duration.ofMillis(200))
              .orElseThrow();
      tasks.alsoOnStateChange(fencer);
      tasks.alsoOnStateChange((now, before) -> survivorStates.add(now));
      survivor.start();
      victim.start();
      waitFor(
          "both clients running a task each",
          Duration.ofSeconds(60),
          () -> activeTasks(survivor) == 1 && activeTasks(victim) == 1);
      UUID victimProcess = process(app, victim);
      waitFor(
          "both clients' transactions listed",
          Duration.ofSeconds(30),
          () -> transactionalIds(admin, app).size() == 2);
      assertThat(transactionalIds(admin, app))
          .as("Kafka Streams 4.3.1's transactional ids: <application.id>-<process id>-<thread>")
          .containsExactlyInAnyOrder(
              app + "-" + process(app, survivor) + "-1", app + "-" + victimProcess + "-1");
      TopicPartition lost =
          victim
              .metadataForLocalThreads()
              .iterator()
              .next()
              .activeTasks()
              .iterator()
              .next()
              .topicPartitions()
              .iterator()
              .next();

      // A SIGKILL inside a transaction: the client stops without leaving the group, and a
      // producer with its transactional id holds an open transaction with an offset commit.
      victim.close(
          CloseOptions.groupMembershipOperation(
                  CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
              .withTimeout(Duration.ofSeconds(30)));
      survivorStates.clear();
      long killed = System.currentTimeMillis();
      try (KafkaProducer<String, String> zombie =
          openTransaction(
              kafka, app + "-" + victimProcess + "-1", names.output(), app, lost, 60_000)) {
        waitFor(
            "the survivor running the lost task",
            Duration.ofSeconds(30),
            () -> survivor.state() == KafkaStreams.State.RUNNING && activeTasks(survivor) == 2);
        long running = System.currentTimeMillis() - killed;
        assertThat(survivorStates)
            .as("the survivor rebalanced, was blocked while REBALANCING, then ran")
            .startsWith(KafkaStreams.State.REBALANCING)
            .endsWith(KafkaStreams.State.RUNNING);
        assertThat(running)
            .as(
                "lost task running after the session timeout (6 s) and a fence, long before the"
                    + " broker would abort the 60 s transaction")
            .isLessThan(20_000);
        assertThat(ongoing(admin)).doesNotContain(app + "-" + victimProcess + "-1");
        assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
      } finally {
        fencer.close();
      }
    }
  }

  /** One test's application id and topics (two partitions each), fresh per test. */
  private record Run(String id, String app, String input, String output) {
    static Run create(RealKafka kafka, String role) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      Run run = new Run(id, "fence-it-" + id + "-" + role, "fence-in-" + id, "fence-out-" + id);
      kafka.createTopic(run.input(), 2);
      kafka.createTopic(run.output(), 2);
      return run;
    }
  }

  private static KafkaProducer<String, String> openTransaction(
      RealKafka kafka, String transactionalId, String topic, String group, TopicPartition input) {
    return openTransaction(
        kafka, transactionalId, topic, group, input, STREAMS_TRANSACTION_TIMEOUT_MS);
  }

  /**
   * A producer with {@code transactionalId} left inside a transaction that wrote to {@code topic}
   * and, when {@code group} is given, committed offset 1 of {@code input} for that group.
   */
  private static KafkaProducer<String, String> openTransaction(
      RealKafka kafka,
      String transactionalId,
      String topic,
      String group,
      TopicPartition input,
      int transactionTimeoutMs) {
    Map<String, Object> config = new HashMap<>(kafka.producerConfig());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, "k", transactionalId));
    if (group != null) {
      producer.sendOffsetsToTransaction(
          Map.of(input, new OffsetAndMetadata(1)),
          new ConsumerGroupMetadata(group, -1, "", Optional.empty()));
    }
    producer.flush();
    return producer;
  }

  /** A member of {@code group} whose client id is Kafka Streams' for process {@code process}. */
  private static KafkaConsumer<String, String> member(
      RealKafka kafka, String group, UUID process, String topic) throws InterruptedException {
    Map<String, Object> config = new HashMap<>(kafka.consumerConfig(group));
    config.put("client.id", group + "-" + process + "-StreamThread-1-consumer");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(topic));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(100));
    }
    assertThat(consumer.assignment()).as("the member joined " + group).isNotEmpty();
    return consumer;
  }

  private static List<String> ongoing(Admin admin) throws Exception {
    return admin
        .listTransactions(
            new ListTransactionsOptions().filterStates(Set.of(TransactionState.ONGOING)))
        .all()
        .get(10, TimeUnit.SECONDS)
        .stream()
        .map(TransactionListing::transactionalId)
        .toList();
  }

  private static List<String> transactionalIds(Admin admin, String app) {
    try {
      return admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
          .map(TransactionListing::transactionalId)
          .filter(id -> id.startsWith(app + "-"))
          .toList();
    } catch (Exception e) {
      throw new AssertionError("listing transactions failed", e);
    }
  }

  private static Properties streamsConfig(RealKafka kafka, String app) throws Exception {
    // As the roles run: exactly-once v2, the default client ids.
    Properties p =
        StreamsDefaults.exactlyOnce(
            app, kafka.bootstrapServers(), Files.createTempDirectory("fence-it"), app + "-dlq");
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    p.put(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, StandbyAwareStickyAssignor.class.getName());
    p.put("session.timeout.ms", 6000);
    p.put("heartbeat.interval.ms", 1500);
    return p;
  }

  private static KafkaStreams streams(RealKafka kafka, String app, String input, String output)
      throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()).withName("in"))
        .to(output, Produced.with(Serdes.String(), Serdes.String()).withName("out"));
    return new KafkaStreams(builder.build(), streamsConfig(kafka, app));
  }

  private static int activeTasks(KafkaStreams streams) {
    return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
  }

  private static UUID process(String app, KafkaStreams streams) {
    return streams.metadataForLocalThreads().stream()
        .map(ThreadMetadata::consumerClientId)
        .map(c -> StreamsProcessNames.ofClientId(app, c))
        .flatMap(Optional::stream)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no process id in the client ids"));
  }

  private static void waitFor(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(50);
    }
  }
}
