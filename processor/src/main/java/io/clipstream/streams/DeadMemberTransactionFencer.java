package io.clipstream.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the open transactions of Kafka Streams clients that have left their group, as a restarted
 * instance would: a producer with the dead client's transactional id calls {@code
 * initTransactions()}, so the transaction coordinator bumps the epoch and aborts the open
 * transaction at once.
 *
 * <p>Why: an instance killed inside an exactly-once transaction that already holds an offset commit
 * leaves the committed offsets of its input partitions unstable, and the survivors cannot start the
 * lost tasks until the broker aborts the transaction itself, {@code transaction.timeout.ms} (10 s)
 * plus up to {@code transaction.abort.timed.out.transaction.cleanup.interval.ms} (10 s) after it
 * began. The survivors' client is REBALANCING all that time (a stream thread runs only once all its
 * tasks are initialized, and initializing reads those offsets), so the check runs every {@code
 * interval} while it is, and not otherwise.
 *
 * <p>Safety: only transactional ids of this application id whose process id no member of the group
 * carries in its client id are fenced. Such a transaction can never commit: its offset commit is
 * rejected by the group generation, and the transaction coordinator would abort it later anyway.
 * Only the abort comes sooner. See docs/scaling.md ("Fencing a dead instance's transaction").
 */
public final class DeadMemberTransactionFencer
    implements KafkaStreams.StateListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadMemberTransactionFencer.class);

  /**
   * Younger transactions are a healthy member's commit in progress (every 100 ms under exactly
   * once); skipping them keeps the broker's answer small. A killed instance's transaction is older
   * than the session timeout (6 s) by the time the survivors rebalance.
   */
  static final Duration MIN_OPEN = Duration.ofSeconds(1);

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final String role;
  private final String applicationId;
  private final Supplier<Optional<UUID>> self;
  private final Map<String, Object> adminConfig;
  private final Map<String, Object> producerConfig;
  private final Duration interval;
  private final ScheduledExecutorService executor;

  /** Created by the first check; checks run one at a time. */
  private Admin admin;

  private ScheduledFuture<?> checking;
  private volatile boolean durationFilter = true;
  private volatile boolean disabled;
  private volatile boolean failureLogged;

  DeadMemberTransactionFencer(
      String role,
      String applicationId,
      Supplier<Optional<UUID>> self,
      Map<String, Object> adminConfig,
      Map<String, Object> producerConfig,
      Duration interval) {
    this.role = role;
    this.applicationId = applicationId;
    this.self = self;
    this.adminConfig = Map.copyOf(adminConfig);
    this.producerConfig = Map.copyOf(producerConfig);
    this.interval = interval;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "clipstream-" + role + "-txn-fencer");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A fencer for {@code streams} (run with {@code streamsConfig}), checking every {@code interval}
   * while it rebalances; empty, with one WARN saying why, where the process ids cannot be read or
   * there are no transactions. Register it with {@link InstanceTasks#alsoOnStateChange}.
   */
  public static Optional<DeadMemberTransactionFencer> forStreams(
      String role, KafkaStreams streams, Properties streamsConfig, Duration interval) {
    StreamsConfig config = new StreamsConfig(streamsConfig);
    if (!StreamsConfig.EXACTLY_ONCE_V2.equals(
        config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
      return Optional.empty(); // no transactions, nothing to fence
    }
    String clientId = config.getString(StreamsConfig.CLIENT_ID_CONFIG);
    if (!clientId.isBlank()) {
      LOG.warn(
          "{}: not fencing the open transactions of instances that left the group: client.id is"
              + " set ({}), so members' client ids do not carry Kafka Streams' process id and a"
              + " live owner cannot be told from a dead one. A killed instance's transaction then"
              + " holds up its partitions until the broker aborts it (10-20 s); remove"
              + " kafka.client.id to enable it",
          role,
          clientId);
      return Optional.empty();
    }
    if (config.getString(StreamsConfig.GROUP_PROTOCOL_CONFIG).equalsIgnoreCase("streams")) {
      LOG.warn(
          "{}: not fencing the open transactions of instances that left the group: with"
              + " group.protocol=streams the members are not described by the consumer group API"
              + " this check uses; a killed instance's transaction holds up its partitions until"
              + " the broker aborts it",
          role);
      return Optional.empty();
    }
    String applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    return Optional.of(
        new DeadMemberTransactionFencer(
            role,
            applicationId,
            () -> ownProcess(applicationId, streams),
            config.getAdminConfigs(applicationId + "-txn-fencer-admin"),
            config.getProducerConfigs(applicationId + "-txn-fencer"),
            interval));
  }

  private static Optional<UUID> ownProcess(String applicationId, KafkaStreams streams) {
    return streams.metadataForLocalThreads().stream()
        .map(ThreadMetadata::consumerClientId)
        .map(c -> StreamsProcessNames.ofClientId(applicationId, c))
        .flatMap(Optional::stream)
        .findFirst();
  }

  @Override
  public synchronized void onChange(KafkaStreams.State now, KafkaStreams.State before) {
    if (now == KafkaStreams.State.REBALANCING && !disabled && !executor.isShutdown()) {
      if (checking == null) {
        failureLogged = false;
        checking =
            executor.scheduleWithFixedDelay(
                this::checkLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
      }
    } else if (checking != null) {
      checking.cancel(false);
      checking = null;
    }
  }

  private void checkLogged() {
    try {
      check();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof AuthorizationException) {
        disabled = true;
        LOG.warn(
            "{}: stopped fencing the open transactions of instances that left the group: {}."
                + " Grant the application's principal DESCRIBE and WRITE on TransactionalId with"
                + " the prefix {}- and DESCRIBE on the group {} (docs/scaling.md)",
            role,
            cause.toString(),
            applicationId,
            applicationId);
      } else if (!failureLogged) {
        failureLogged = true; // once per rebalance: the next rebalance tries again
        LOG.warn(
            "{}: checking for open transactions of instances that left the group failed: {};"
                + " retrying every {} ms while rebalancing",
            role,
            cause.toString(),
            interval.toMillis());
      }
    }
  }

  /**
   * Lists this application's open transactions, finds those whose process is no member of the group
   * and fences them; returns their transactional ids.
   */
  List<String> check() throws InterruptedException, ExecutionException, TimeoutException {
    Optional<UUID> me = self.get();
    if (disabled || me.isEmpty()) {
      return List.of(); // this client has no thread metadata yet
    }
    List<String> ours =
        listOngoing().stream()
            .map(TransactionListing::transactionalId)
            .filter(id -> StreamsProcessNames.ofTransactionalId(applicationId, id).isPresent())
            .toList();
    if (ours.isEmpty()) {
      return List.of();
    }
    Set<UUID> live = StreamsProcessNames.ofClientIds(applicationId, memberClientIds());
    if (!live.contains(me.get())) {
      // Not even this client is seen in the group (it is joining, or the group is not a classic
      // consumer group): no basis to call anyone dead.
      LOG.debug("{}: this client is not among the members of {} yet", role, applicationId);
      return List.of();
    }
    List<String> dead = StreamsProcessNames.withoutLiveOwner(applicationId, ours, live);
    if (dead.isEmpty()) {
      return List.of();
    }
    Map<String, TransactionDescription> described =
        admin()
            .describeTransactions(dead)
            .all()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return dead.stream().filter(id -> fenceIfOpen(id, described.get(id))).toList();
  }

  private List<TransactionListing> listOngoing()
      throws InterruptedException, ExecutionException, TimeoutException {
    ListTransactionsOptions options =
        new ListTransactionsOptions().filterStates(Set.of(TransactionState.ONGOING));
    if (durationFilter) {
      options.filterOnDuration(MIN_OPEN.toMillis());
    }
    try {
      return List.copyOf(
          admin()
              .listTransactions(options)
              .all()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      if (durationFilter && e.getCause() instanceof UnsupportedVersionException) {
        durationFilter = false;
        LOG.warn(
            "{}: the brokers cannot filter transactions by age (KIP-994, brokers 3.8+): listing"
                + " every open transaction while rebalancing and checking ages here instead;"
                + " upgrade the brokers to make the check cheaper",
            role);
        return listOngoing();
      }
      if (e.getCause() instanceof UnsupportedVersionException) {
        disabled = true;
        LOG.warn(
            "{}: the brokers cannot list transactions (KIP-664, brokers 3.0+): not fencing the open"
                + " transactions of instances that left the group; a killed instance's transaction"
                + " holds up its partitions until the broker aborts it",
            role);
        return List.of();
      }
      throw e;
    }
  }

  private List<String> memberClientIds()
      throws InterruptedException, ExecutionException, TimeoutException {
    ConsumerGroupDescription group =
        admin()
            .describeConsumerGroups(List.of(applicationId))
            .describedGroups()
            .get(applicationId)
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return group.members().stream().map(MemberDescription::clientId).toList();
  }

  private boolean fenceIfOpen(String transactionalId, TransactionDescription d) {
    if (d == null || d.state() != TransactionState.ONGOING) {
      return false; // ended since it was listed
    }
    long openMs =
        d.transactionStartTimeMs().stream()
            .map(s -> System.currentTimeMillis() - s)
            .findFirst()
            .orElse(-1);
    if (openMs >= 0 && openMs < MIN_OPEN.toMillis()) {
      return false; // a broker without the duration filter listed a transaction just begun
    }
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
    }
    LOG.info(
        "{}: fenced transaction {} (open {} ms, writing to {} partition(s)): its process left"
            + " group {}, so it could never commit; aborted now rather than after its"
            + " transaction.timeout.ms ({} ms to fence)",
        role,
        transactionalId,
        openMs,
        d.topicPartitions().size(),
        applicationId,
        (System.nanoTime() - started) / 1_000_000);
    return true;
  }

  private Admin admin() {
    if (admin == null) {
      admin = Admin.create(adminConfig);
    }
    return admin;
  }

  @Override
  public void close() {
    synchronized (this) {
      executor.shutdownNow();
    }
    try {
      if (!executor.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{}: the transaction fencer did not stop within {}", role, CALL_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }
}
