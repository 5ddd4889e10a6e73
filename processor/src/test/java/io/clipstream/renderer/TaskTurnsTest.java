package io.clipstream.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class TaskTurnsTest {

  private static final TaskId T0 = new TaskId(0, 0);
  private static final TaskId T1 = new TaskId(0, 1);

  @Test
  void shouldAlternateWorkersBetweenTasksThatBothHaveClipsDue() {
    TaskTurns turns = new TaskTurns();
    turns.waiting(T0, true, 0);
    turns.waiting(T1, true, 0);

    assertThat(turns.mayDispatch(T0, 0)).isTrue();
    turns.served(T0);
    assertThat(turns.mayDispatch(T0, 10)).as("T1 waits and was served less recently").isFalse();
    assertThat(turns.mayDispatch(T1, 10)).isTrue();
    turns.served(T1);
    assertThat(turns.mayDispatch(T1, 20)).isFalse();
    assertThat(turns.mayDispatch(T0, 20)).isTrue();
  }

  @Test
  void shouldLetATaskTakeEveryWorkerWhileNoOtherTaskHasAClipDue() {
    TaskTurns turns = new TaskTurns();
    turns.waiting(T1, true, 0);
    turns.served(T0);
    turns.waiting(T1, false, 5);

    assertThat(turns.mayDispatch(T0, 10)).isTrue();
  }

  @Test
  void shouldNotLetAClosedOrSilentTaskHoldTheOthersBack() {
    TaskTurns turns = new TaskTurns();
    turns.served(T0);
    turns.waiting(T1, true, 0);
    assertThat(turns.mayDispatch(T0, 100)).isFalse();

    assertThat(turns.mayDispatch(T0, TaskTurns.CLAIM_TTL_MS + 1))
        .as("T1 stopped renewing its claim")
        .isTrue();
    turns.waiting(T1, true, 5_000);
    turns.remove(T1);
    assertThat(turns.mayDispatch(T0, 5_001)).as("T1 closed").isTrue();
  }
}
