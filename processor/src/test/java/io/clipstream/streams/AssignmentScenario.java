package io.clipstream.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.AssignmentConfigs;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignor.TaskAssignment;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.apache.kafka.streams.processor.assignment.TaskTopicPartition;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The state of a rebalance as Kafka Streams hands it to a {@link
 * org.apache.kafka.streams.processor.assignment.TaskAssignor}, built by hand: tasks {@code 0_0 ..
 * 0_n}, named clients with what they ran before and the lags Kafka Streams computed for them (the
 * whole changelog for a task a client holds nothing of, {@code -2} for one it ran as active).
 */
final class AssignmentScenario implements ApplicationState {

  /** What a client without a copy reports as lag: the whole changelog, small here. */
  static final long CHANGELOG_END = 40;

  private final Map<TaskId, TaskInfo> tasks = new TreeMap<>();
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private long acceptableLag = 10_000;
  private int standbyReplicas = 1;

  /** A client as Kafka Streams describes it; lags of tasks it holds a copy of are set per task. */
  static final class Client implements KafkaStreamsState {
    final String name;
    final ProcessId id;
    int threads = 1;
    final SortedSet<TaskId> active = new TreeSet<>();
    final SortedSet<TaskId> standby = new TreeSet<>();
    final Map<TaskId, Long> lags = new HashMap<>();
    private Map<TaskId, TaskInfo> tasks;

    Client(String name, int index) {
      this.name = name;
      this.id = new ProcessId(new UUID(0, index + 1L));
    }

    /** Ran these tasks as active before (Kafka Streams reports lag -2 for them). */
    Client ran(int... partitions) {
      for (int p : partitions) {
        active.add(task(p));
        lags.put(task(p), Clients.RUNNING_ACTIVE);
      }
      return this;
    }

    /**
     * Holds a copy of the task's state (a standby, or an old active's directory) this far behind.
     */
    Client copy(int partition, long lag) {
      standby.add(task(partition));
      lags.put(task(partition), lag);
      return this;
    }

    Client threads(int n) {
      threads = n;
      return this;
    }

    @Override
    public ProcessId processId() {
      return id;
    }

    @Override
    public int numProcessingThreads() {
      return threads;
    }

    @Override
    public SortedSet<String> consumerClientIds() {
      return new TreeSet<>(Set.of(name + "-StreamThread-1-consumer"));
    }

    @Override
    public SortedSet<TaskId> previousActiveTasks() {
      return active;
    }

    @Override
    public SortedSet<TaskId> previousStandbyTasks() {
      return standby;
    }

    @Override
    public long lagFor(TaskId task) {
      Long lag = statefulTasksToLagSums().get(task);
      if (lag == null) {
        throw new IllegalStateException("no lag for " + task);
      }
      return lag;
    }

    @Override
    public SortedSet<TaskId> prevTasksByLag(String consumerClientId) {
      return new TreeSet<>(lags.keySet());
    }

    @Override
    public Map<TaskId, Long> statefulTasksToLagSums() {
      Map<TaskId, Long> all = new HashMap<>();
      tasks.values().stream()
          .filter(TaskInfo::isStateful)
          .forEach(t -> all.put(t.id(), lags.getOrDefault(t.id(), CHANGELOG_END)));
      return all;
    }

    @Override
    public Optional<HostInfo> hostInfo() {
      return Optional.empty();
    }

    @Override
    public Map<String, String> clientTags() {
      return Map.of();
    }

    @Override
    public Optional<String> rackId() {
      return Optional.empty();
    }
  }

  private record Task(TaskId id, boolean isStateful) implements TaskInfo {
    @Override
    public Set<String> stateStoreNames() {
      return isStateful ? Set.of("pending") : Set.of();
    }

    @Override
    public Set<TaskTopicPartition> topicPartitions() {
      return Set.of();
    }
  }

  static TaskId task(int partition) {
    return new TaskId(0, partition);
  }

  AssignmentScenario statefulTasks(int count) {
    for (int p = 0; p < count; p++) {
      tasks.put(task(p), new Task(task(p), true));
    }
    return this;
  }

  AssignmentScenario statelessTasks(int subtopology, int count) {
    for (int p = 0; p < count; p++) {
      TaskId id = new TaskId(subtopology, p);
      tasks.put(id, new Task(id, false));
    }
    return this;
  }

  AssignmentScenario standbyReplicas(int n) {
    standbyReplicas = n;
    return this;
  }

  AssignmentScenario acceptableLag(long records) {
    acceptableLag = records;
    return this;
  }

  Client client(String name) {
    Client c = clients.computeIfAbsent(name, n -> new Client(n, clients.size()));
    c.tasks = tasks;
    return c;
  }

  @Override
  public Map<ProcessId, KafkaStreamsState> kafkaStreamsStates(boolean computeTaskLags) {
    Map<ProcessId, KafkaStreamsState> states = new HashMap<>();
    clients.values().forEach(c -> states.put(c.id, c));
    return states;
  }

  @Override
  public AssignmentConfigs assignmentConfigs() {
    return new AssignmentConfigs(acceptableLag, 2, standbyReplicas, 600_000L, List.of());
  }

  @Override
  public Map<TaskId, TaskInfo> allTasks() {
    return tasks;
  }

  /** The assignment per client name: active and standby partitions of subtopology 0, sorted. */
  Result read(TaskAssignment assignment) {
    Map<String, Set<TaskId>> active = new TreeMap<>();
    Map<String, Set<TaskId>> standby = new TreeMap<>();
    List<KafkaStreamsAssignment> followUps = new ArrayList<>();
    for (KafkaStreamsAssignment a : assignment.assignment()) {
      String name =
          clients.values().stream().filter(c -> c.id.equals(a.processId())).findFirst().get().name;
      active.put(name, ofType(a, AssignedTask.Type.ACTIVE));
      standby.put(name, ofType(a, AssignedTask.Type.STANDBY));
      if (a.followupRebalanceDeadline().isPresent()) {
        followUps.add(a);
      }
    }
    return new Result(active, standby, followUps);
  }

  private static Set<TaskId> ofType(KafkaStreamsAssignment a, AssignedTask.Type type) {
    return a.tasks().values().stream()
        .filter(t -> t.type() == type)
        .map(AssignedTask::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  record Result(
      Map<String, Set<TaskId>> active,
      Map<String, Set<TaskId>> standby,
      List<KafkaStreamsAssignment> followUps) {

    Set<TaskId> active(String client) {
      return active.get(client);
    }

    Set<TaskId> standby(String client) {
      return standby.get(client);
    }
  }

  static Set<TaskId> tasks(int... partitions) {
    Set<TaskId> set = new TreeSet<>();
    for (int p : partitions) {
      set.add(task(p));
    }
    return set;
  }
}
