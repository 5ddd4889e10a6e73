package io.clipstream.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Kafka Streams client of this instance owns: its active and standby tasks and how far its
 * standby copies trail the changelogs. Logs one line per assignment change (so an operator sees
 * where a camera's partition went after a rebalance) and publishes the counts as meters tagged with
 * the role. Also closes the client so that it leaves its group at once.
 */
public final class InstanceTasks implements StandbyUpdateListener {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceTasks.class);

  private final String role;
  private final KafkaStreams streams;
  private final AtomicReference<Assignment> last = new AtomicReference<>(Assignment.NONE);

  /** Further listeners: Kafka Streams takes one state listener, set before the client starts. */
  private final List<KafkaStreams.StateListener> listeners = new CopyOnWriteArrayList<>();

  /** Records the standby copies trail their changelogs by, per changelog partition. */
  private final Map<TopicPartition, Long> standbyLag = new ConcurrentHashMap<>();

  /** Active and standby task ids, sorted, as they are logged. */
  record Assignment(List<String> active, List<String> standby) {
    static final Assignment NONE = new Assignment(List.of(), List.of());
  }

  private InstanceTasks(String role, KafkaStreams streams) {
    this.role = role;
    this.streams = streams;
  }

  /**
   * Watches {@code streams}, which must not be started yet: the listeners have to be in place
   * before the first assignment.
   */
  public static InstanceTasks watch(String role, KafkaStreams streams) {
    InstanceTasks tasks = new InstanceTasks(role, streams);
    streams.setStateListener(
        (now, before) -> {
          tasks.onStateChange(now);
          tasks.listeners.forEach(l -> l.onChange(now, before));
        });
    streams.setStandbyUpdateListener(tasks);
    return tasks;
  }

  /**
   * Also tells {@code listener} of the client's state changes from now on, starting with the state
   * it is in (so a rebalance under way when it is added is not missed).
   */
  public void alsoOnStateChange(KafkaStreams.StateListener listener) {
    listeners.add(listener);
    KafkaStreams.State now = streams.state();
    listener.onChange(now, now);
  }

  private void onStateChange(KafkaStreams.State now) {
    // An assignment is final once the client is RUNNING again after a rebalance.
    if (now == KafkaStreams.State.RUNNING) {
      Assignment current = assignment();
      Assignment previous = last.getAndSet(current);
      if (!current.equals(previous)) {
        LOG.info(
            "{} tasks now: active {}, standby {} (were active {}, standby {})",
            role,
            current.active(),
            current.standby(),
            previous.active(),
            previous.standby());
      }
    }
  }

  /** The tasks the client's threads hold now. */
  Assignment assignment() {
    Set<TaskId> active = new TreeSet<>();
    Set<TaskId> standby = new TreeSet<>();
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      thread.activeTasks().stream().map(TaskMetadata::taskId).forEach(active::add);
      thread.standbyTasks().stream().map(TaskMetadata::taskId).forEach(standby::add);
    }
    return new Assignment(names(active), names(standby));
  }

  private static List<String> names(Set<TaskId> tasks) {
    return tasks.stream().map(TaskId::toString).toList();
  }

  /** Registers the role's task meters (tag {@code role}). */
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("clipstream.tasks.active", this, t -> t.last.get().active().size())
        .tag("role", role)
        .description("Kafka Streams tasks this instance processes (partitions of its inputs)")
        .register(registry);
    Gauge.builder("clipstream.tasks.standby", this, t -> t.last.get().standby().size())
        .tag("role", role)
        .description("Standby tasks: warm copies of other instances' state kept here")
        .register(registry);
    Gauge.builder("clipstream.tasks.standby.lag", this, InstanceTasks::standbyLag)
        .tag("role", role)
        .description("Changelog records the standby copies have not applied yet (sum)")
        .baseUnit("records")
        .register(registry);
  }

  long standbyLag() {
    return standbyLag.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void onUpdateStart(TopicPartition partition, String storeName, long startingOffset) {
    standbyLag.putIfAbsent(partition, 0L);
  }

  @Override
  public void onBatchLoaded(
      TopicPartition partition,
      String storeName,
      TaskId taskId,
      long batchEndOffset,
      long batchSize,
      long currentEndOffset) {
    standbyLag.put(partition, Math.max(0, currentEndOffset - batchEndOffset - 1));
  }

  @Override
  public void onUpdateSuspended(
      TopicPartition partition,
      String storeName,
      long storeOffset,
      long currentEndOffset,
      SuspendReason reason) {
    // Promoted to active or moved away: no longer a standby copy here.
    standbyLag.remove(partition);
  }

  /**
   * Closes the client and leaves the group at once, so that the partitions move to the other
   * instances now rather than after the session timeout (a rolling restart, a scale-down, a
   * consumer-group reset right after a stop).
   */
  public boolean closeLeavingGroup(Duration timeout) {
    boolean closed =
        streams.close(
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
    if (!closed) {
      LOG.warn(
          "{} did not stop within {}; its partitions move once the broker's session timeout"
              + " expires",
          role,
          timeout);
    }
    return closed;
  }
}
