package io.clipstream.renderer;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Whose turn it is to hand a clip to a free render worker, among the tasks (partitions) of one
 * instance: the task served longest ago that has a clip due. Without it the task that punctuates
 * first takes every free worker, and one partition's backlog is drained before the next partition
 * gets a render. Shared by the processors of every stream thread, hence synchronized.
 */
final class TaskTurns {

  /**
   * A task that said it has work and then stopped punctuating (closed, or its thread stuck) must
   * not hold the others back: its claim expires after this long.
   */
  static final long CLAIM_TTL_MS = 2_000;

  private final Map<TaskId, Long> lastServed = new HashMap<>();

  /** Tasks with a clip due, and when they last said so. */
  private final Map<TaskId, Long> waiting = new HashMap<>();

  private long served;

  /** Records whether {@code task} has a clip due now. */
  synchronized void waiting(TaskId task, boolean hasDue, long now) {
    if (hasDue) {
      waiting.put(task, now);
    } else {
      waiting.remove(task);
    }
  }

  /** True when no other waiting task was served less recently than {@code task}. */
  synchronized boolean mayDispatch(TaskId task, long now) {
    waiting.values().removeIf(since -> now - since > CLAIM_TTL_MS);
    long mine = lastServed.getOrDefault(task, -1L);
    for (TaskId other : waiting.keySet()) {
      if (!other.equals(task) && lastServed.getOrDefault(other, -1L) < mine) {
        return false;
      }
    }
    return true;
  }

  /** Records that {@code task} just handed a batch to a worker. */
  synchronized void served(TaskId task) {
    lastServed.put(task, ++served);
  }

  /** Forgets a task that closed (moved to another instance, or the client stopped). */
  synchronized void remove(TaskId task) {
    lastServed.remove(task);
    waiting.remove(task);
  }
}
