package io.clipstream.streams;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;

/**
 * The live Kafka Streams clients of one rebalance as {@link StandbyAwareStickyAssignor} sees them:
 * their fair shares, who ran each task last and how good each client's copy of a task's state is.
 */
final class Clients {

  /**
   * Kafka Streams' lag for a task its client was running as active ({@code Task.LATEST_OFFSET}).
   */
  static final long RUNNING_ACTIVE = -2;

  /** How good a client's copy of a task's state is; lower is better. */
  static final int CAUGHT_UP = 0;

  static final int BEHIND = 1;
  static final int NO_COPY = 2;

  private final Map<ProcessId, KafkaStreamsState> states;
  private final List<ProcessId> ids;
  private final Map<ProcessId, Map<TaskId, Long>> lags = new HashMap<>();
  private final Map<TaskId, ProcessId> previousOwners = new HashMap<>();
  private final long acceptableLag;
  private final int taskCount;
  private final int threads;

  Clients(ApplicationState state) {
    this.states = state.kafkaStreamsStates(true);
    this.ids = states.keySet().stream().sorted().toList();
    this.acceptableLag = state.assignmentConfigs().acceptableRecoveryLag();
    this.taskCount = state.allTasks().size();
    this.threads = ids.stream().mapToInt(this::threads).sum();
    for (ProcessId id : ids) {
      lags.put(id, states.get(id).statefulTasksToLagSums());
    }
    // Two clients claim the same task only after a split brain; the one with the fresher copy wins.
    for (ProcessId id : ids) {
      for (TaskId task : states.get(id).previousActiveTasks()) {
        previousOwners.merge(
            task,
            id,
            (a, b) ->
                Comparator.comparingLong((ProcessId c) -> lag(c, task)).compare(a, b) <= 0 ? a : b);
      }
    }
  }

  List<ProcessId> ids() {
    return ids;
  }

  int threads(ProcessId client) {
    return Math.max(1, states.get(client).numProcessingThreads());
  }

  /** Active tasks per processing thread, rounded up. */
  int perThread() {
    return threads == 0 ? 0 : (taskCount + threads - 1) / threads;
  }

  /** The most active tasks {@code client} gets: its threads' part of all tasks, rounded up. */
  int share(ProcessId client) {
    return (int) share(taskCount, client);
  }

  /** {@code client}'s fair part of {@code items} spread over all threads, rounded up. */
  long share(long items, ProcessId client) {
    return (items * threads(client) + threads - 1) / threads;
  }

  /** The live client that ran {@code task} as active before this rebalance. */
  Optional<ProcessId> previousOwner(TaskId task) {
    return Optional.ofNullable(previousOwners.get(task));
  }

  /**
   * {@link #CAUGHT_UP} when {@code client} holds {@code task}'s state within {@code
   * acceptable.recovery.lag}, {@link #BEHIND} when it holds some of it (or its lag is unknown),
   * {@link #NO_COPY} otherwise (also for stateless tasks, which have nothing to restore).
   */
  int rank(ProcessId client, TaskId task) {
    KafkaStreamsState s = states.get(client);
    Long lag = lags.get(client).get(task);
    if (lag == null
        || !(s.previousActiveTasks().contains(task) || s.previousStandbyTasks().contains(task))) {
      // A client without a copy reports the whole changelog as its lag; with small stores that is
      // under acceptable.recovery.lag, which is why the lag alone does not say "has a copy".
      return NO_COPY;
    }
    return lag == RUNNING_ACTIVE || (lag >= 0 && lag <= acceptableLag) ? CAUGHT_UP : BEHIND;
  }

  /** Records {@code client}'s copy of {@code task} trails by; unknown and none sort last. */
  long lag(ProcessId client, TaskId task) {
    Long lag = lags.get(client).get(task);
    if (lag == null || lag < 0 && lag != RUNNING_ACTIVE) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, lag);
  }

  /** The lag of a copy that is behind, for ordering among such copies; 0 otherwise. */
  long lagIfBehind(ProcessId client, TaskId task) {
    return rank(client, task) == BEHIND ? lag(client, task) : 0;
  }

  double loadPerThread(ProcessId client, Map<ProcessId, Long> loads) {
    return (double) loads.getOrDefault(client, 0L) / threads(client);
  }

  /**
   * Orders candidate homes of {@code task}: the best copy first, among copies that are behind the
   * smallest lag, then the lowest load per thread.
   */
  Comparator<ProcessId> byCopyThenLoad(TaskId task, Map<ProcessId, Long> loads) {
    return Comparator.comparingInt((ProcessId c) -> rank(c, task))
        .thenComparingLong(c -> lagIfBehind(c, task))
        .thenComparingDouble(c -> loadPerThread(c, loads))
        .thenComparing(c -> c);
  }

  /** For the assignment log line: the client and what it holds of {@code task}. */
  String describe(ProcessId client, TaskId task) {
    String who = client.id().toString().substring(0, 8);
    return switch (rank(client, task)) {
      case CAUGHT_UP -> who + " (caught-up copy, lag " + lag(client, task) + ")";
      case BEHIND -> who + " (copy behind, lag " + describeLag(client, task) + ")";
      default -> who + " (no copy: restores from the changelog)";
    };
  }

  private String describeLag(ProcessId client, TaskId task) {
    long lag = lag(client, task);
    return lag == Long.MAX_VALUE ? "unknown" : Long.toString(lag);
  }
}
