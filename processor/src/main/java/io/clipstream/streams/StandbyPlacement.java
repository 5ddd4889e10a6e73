package io.clipstream.streams;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskInfo;

/**
 * Places {@code standby.replicas} standby copies of each stateful task: never on the instance that
 * runs it, each instance within a fair share of the copies (all copies over all threads, rounded
 * up, times its threads) while one has room, the copies of one instance's tasks spread over the
 * others, and otherwise where a copy already is. Kafka Streams' own helper ({@code
 * TaskAssignmentUtils.defaultStandbyTaskAssignment}) spreads by load alone and so moves a warm copy
 * to a cold instance on many rebalances; a copy that stays put is the one that is caught up when
 * its active instance dies.
 */
final class StandbyPlacement {

  private StandbyPlacement() {}

  static void place(
      ApplicationState state,
      Clients clients,
      Map<TaskId, TaskInfo> tasks,
      Map<ProcessId, KafkaStreamsAssignment> assignments) {
    int replicas = state.assignmentConfigs().numStandbyReplicas();
    long stateful = tasks.values().stream().filter(TaskInfo::isStateful).count();
    Map<ProcessId, Long> standbys = new HashMap<>();
    Map<ProcessId, Long> loads = new HashMap<>();
    Map<TaskId, ProcessId> runs = new HashMap<>();
    assignments.forEach(
        (c, a) -> {
          loads.put(c, (long) a.tasks().size());
          a.tasks().keySet().forEach(t -> runs.put(t, c));
        });
    // Copies of one instance's tasks held by each other instance: spread, so that when it dies its
    // tasks go to several survivors, each with a copy, instead of one survivor over its share.
    Map<List<ProcessId>, Long> pairs = new HashMap<>();
    for (TaskInfo task : tasks.values()) {
      if (!task.isStateful()) {
        continue;
      }
      for (int copy = 0; copy < replicas; copy++) {
        Optional<ProcessId> to =
            clients.ids().stream()
                .filter(c -> !assignments.get(c).tasks().containsKey(task.id()))
                .min(
                    Comparator.comparing(
                            (ProcessId c) ->
                                standbys.getOrDefault(c, 0L)
                                    >= clients.share(stateful * replicas, c))
                        .thenComparingLong(c -> pairs.getOrDefault(pair(runs, task, c), 0L))
                        .thenComparing(clients.byCopyThenLoad(task.id(), loads)));
        if (to.isEmpty()) {
          break; // fewer instances than copies: Kafka Streams' assignors skip them too
        }
        assignments
            .get(to.get())
            .assignTask(new AssignedTask(task.id(), AssignedTask.Type.STANDBY));
        standbys.merge(to.get(), 1L, Long::sum);
        loads.merge(to.get(), 1L, Long::sum);
        pairs.merge(pair(runs, task, to.get()), 1L, Long::sum);
      }
    }
  }

  private static List<ProcessId> pair(Map<TaskId, ProcessId> runs, TaskInfo task, ProcessId copy) {
    return List.of(runs.get(task.id()), copy);
  }
}
