package io.clipstream.streams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clipstream's task assignor (KIP-924, {@code task.assignor.class}): sticky, standby-aware, one
 * rebalance round for a lost instance. Kafka Streams' default ({@code
 * HighAvailabilityTaskAssignor}) counts every instance whose copy trails by less than {@code
 * acceptable.recovery.lag} as caught up; with Clipstream's small stores that is every instance,
 * even one without any copy, so it balanced a lost task onto a survivor without its standby copy
 * and moved healthy tasks between survivors, which costs a second (cooperative) rebalance round
 * before the lost task runs (docs/scaling.md).
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>An active task stays with its previous owner while that instance is alive and within its
 *       fair share (all tasks over all processing threads, rounded up, times its threads).
 *   <li>A task without a live owner (its instance is gone), and each task an owner over its share
 *       must shed, goes to an instance with room: the best copy of its state first (a caught-up
 *       copy, such as a standby, then the copy with the smallest lag, then no copy), then the least
 *       loaded. So a lost task runs where its standby is, in the first rebalance round, and the
 *       newcomers of a scale-up receive the overflow (cooperative rebalancing revokes a shed task
 *       from its owner in a second round, which only a scale-up or a rejoin needs).
 *   <li>Standby copies ({@code standby.replicas} each) never on the active's instance, within a
 *       fair share of copies, one instance's tasks' copies spread over the others, and kept where a
 *       copy already is ({@link StandbyPlacement}).
 *   <li>No follow-up rebalance is requested: there are no warm-up replicas to probe.
 * </ol>
 *
 * <p>The trade-off against the default: no warm-up replicas, so a task that moves to an instance
 * without a copy runs only after a full restore. Clipstream's stores hold small records per task:
 * pending commands (tens), answered clip ids (about 10 000 per camera and week), the planner's
 * detections of the last 30 minutes; a full restore reads at most a few hundred thousand of them,
 * seconds, and only where no copy exists (a scale-up). For gigabytes of state per task the default
 * assignor's warm-ups are the better choice ({@code group.task.assignor=high-availability}).
 */
public final class StandbyAwareStickyAssignor implements TaskAssignor {

  private static final Logger LOG = LoggerFactory.getLogger(StandbyAwareStickyAssignor.class);

  @Override
  public TaskAssignment assign(ApplicationState state) {
    Clients clients = new Clients(state);
    Map<TaskId, TaskInfo> tasks = new TreeMap<>(state.allTasks());
    // Every task on its live previous owner for now, even over its share; the others nowhere yet.
    Map<TaskId, ProcessId> active = new TreeMap<>();
    List<TaskId> lost = new ArrayList<>();
    for (TaskId task : tasks.keySet()) {
      clients.previousOwner(task).ifPresentOrElse(o -> active.put(task, o), () -> lost.add(task));
    }
    List<String> moves = new ArrayList<>();
    Optional<Move> next;
    while ((next = bestMove(clients, lost, active)).isPresent()) {
      Move m = next.get();
      lost.remove(m.task());
      active.put(m.task(), m.to());
      moves.add(m.task() + " -> " + clients.describe(m.to(), m.task()));
    }
    Map<ProcessId, KafkaStreamsAssignment> result = new TreeMap<>();
    clients.ids().forEach(c -> result.put(c, KafkaStreamsAssignment.of(c, Set.of())));
    active.forEach(
        (t, c) -> result.get(c).assignTask(new AssignedTask(t, AssignedTask.Type.ACTIVE)));
    StandbyPlacement.place(state, clients, tasks, result);
    if (!moves.isEmpty()) {
      LOG.info(
          "Tasks placed ({} instance(s), at most {} per processing thread), lost or shed by an"
              + " owner over its share: {}",
          clients.ids().size(),
          clients.perThread(),
          moves);
    }
    return new TaskAssignment(result.values());
  }

  /** A task to give to {@code to}: one without a live owner, or one an over-full owner sheds. */
  private record Move(TaskId task, ProcessId to, boolean lost) {}

  /**
   * The next task to place and where, or empty when every task has an owner within its share. Of
   * all (task, client with room) pairs, the best copy wins, then a task without an owner, then the
   * smallest lag and the lowest load: so an over-full owner sheds the task another client holds the
   * freshest copy of, and a newcomer without copies gets the overflow.
   */
  private static Optional<Move> bestMove(
      Clients clients, List<TaskId> lost, Map<TaskId, ProcessId> active) {
    Map<ProcessId, Long> loads = new HashMap<>();
    active.values().forEach(c -> loads.merge(c, 1L, Long::sum));
    List<TaskId> movable = new ArrayList<>(lost);
    active.forEach(
        (task, owner) -> {
          if (loads.get(owner) > clients.share(owner)) {
            movable.add(task);
          }
        });
    List<ProcessId> withRoom =
        clients.ids().stream().filter(c -> loads.getOrDefault(c, 0L) < clients.share(c)).toList();
    Optional<Move> best = Optional.empty();
    for (TaskId task : movable) {
      for (ProcessId to : withRoom) {
        Move m = new Move(task, to, !active.containsKey(task));
        if (best.isEmpty() || better(clients, loads, m, best.get())) {
          best = Optional.of(m);
        }
      }
    }
    return best;
  }

  private static boolean better(Clients clients, Map<ProcessId, Long> loads, Move a, Move b) {
    Comparator<Move> order =
        Comparator.comparingInt((Move m) -> clients.rank(m.to(), m.task()))
            .thenComparing(m -> !m.lost())
            .thenComparingLong(m -> clients.lagIfBehind(m.to(), m.task()))
            .thenComparingDouble(m -> clients.loadPerThread(m.to(), loads))
            .thenComparing(Move::task)
            .thenComparing(Move::to);
    return order.compare(a, b) < 0;
  }
}
