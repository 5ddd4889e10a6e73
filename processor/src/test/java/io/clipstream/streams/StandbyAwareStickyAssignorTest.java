package io.clipstream.streams;

import static io.clipstream.streams.AssignmentScenario.CHANGELOG_END;
import static io.clipstream.streams.AssignmentScenario.task;
import static io.clipstream.streams.AssignmentScenario.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.streams.AssignmentScenario.Result;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.TaskAssignmentUtils;
import org.apache.kafka.streams.processor.assignment.TaskAssignor.AssignmentError;
import org.apache.kafka.streams.processor.assignment.TaskAssignor.TaskAssignment;
import org.junit.jupiter.api.Test;

class StandbyAwareStickyAssignorTest {

  private final StandbyAwareStickyAssignor assignor = new StandbyAwareStickyAssignor();

  /** Assigns, checks what Kafka Streams checks and that every task runs exactly once. */
  private Result assign(AssignmentScenario scenario) {
    TaskAssignment assignment = assignor.assign(scenario);
    assertThat(TaskAssignmentUtils.validateTaskAssignment(scenario, assignment))
        .isEqualTo(AssignmentError.NONE);
    Result result = scenario.read(assignment);
    Set<TaskId> running = new TreeSet<>();
    result.active().values().forEach(running::addAll);
    assertThat(running).as("every task active once").isEqualTo(scenario.allTasks().keySet());
    assertThat(result.active().values().stream().mapToInt(Set::size).sum())
        .isEqualTo(scenario.allTasks().size());
    result
        .active()
        .forEach(
            (client, active) ->
                assertThat(result.standby(client).stream().filter(active::contains))
                    .as("standby copies on %s, which runs %s", client, active)
                    .isEmpty());
    assertThat(result.followUps()).as("follow-up rebalances requested").isEmpty();
    return result;
  }

  /** Three instances as they run after a first balanced assignment, each task's copy elsewhere. */
  private static AssignmentScenario threeRunning() {
    AssignmentScenario s = new AssignmentScenario().statefulTasks(6);
    s.client("a").ran(0, 1).copy(3, 0).copy(4, 0);
    s.client("b").ran(2, 3).copy(0, 0).copy(5, 0);
    s.client("c").ran(4, 5).copy(1, 0).copy(2, 0);
    return s;
  }

  @Test
  void shouldKeepEveryTaskAndEveryStandbyCopyWhereItIsWhenNothingChanged() {
    Result r = assign(threeRunning());

    assertThat(r.active("a")).isEqualTo(tasks(0, 1));
    assertThat(r.active("b")).isEqualTo(tasks(2, 3));
    assertThat(r.active("c")).isEqualTo(tasks(4, 5));
    assertThat(r.standby("a")).isEqualTo(tasks(3, 4));
    assertThat(r.standby("b")).isEqualTo(tasks(0, 5));
    assertThat(r.standby("c")).isEqualTo(tasks(1, 2));
  }

  @Test
  void shouldGiveEachLostTaskToTheSurvivorWithItsStandbyCopyAndMoveNoOtherTask() {
    // c was killed: 4's copy is on a, 5's on b. A survivor without a copy reports the whole (small)
    // changelog as lag, under acceptable.recovery.lag: the lag alone must not count as a copy.
    AssignmentScenario s = new AssignmentScenario().statefulTasks(6);
    s.client("a").ran(0, 1).copy(3, 0).copy(4, 0);
    s.client("b").ran(2, 3).copy(0, 0).copy(5, 0);

    Result r = assign(s);

    assertThat(r.active("a")).isEqualTo(tasks(0, 1, 4));
    assertThat(r.active("b")).isEqualTo(tasks(2, 3, 5));
    assertThat(r.standby("a")).isEqualTo(tasks(2, 3, 5));
    assertThat(r.standby("b")).isEqualTo(tasks(0, 1, 4));
  }

  @Test
  void shouldKeepTheFairShareWhenOneSurvivorHoldsTheCopiesOfBothLostTasks() {
    AssignmentScenario s = new AssignmentScenario().statefulTasks(6);
    s.client("a").ran(0, 1).copy(4, 0).copy(5, 0);
    s.client("b").ran(2, 3);

    Result r = assign(s);

    assertThat(r.active("a")).hasSize(3).contains(task(0), task(1));
    assertThat(r.active("b")).hasSize(3).contains(task(2), task(3));
    assertThat(Set.of(r.active("a").contains(task(4)), r.active("a").contains(task(5))))
        .as("a takes one lost task with its copy, b the other")
        .containsExactlyInAnyOrder(true, false);
  }

  @Test
  void shouldPreferTheCopyWithTheSmallestLagWhenNoCopyIsCaughtUp() {
    AssignmentScenario s = new AssignmentScenario().statefulTasks(2).acceptableLag(100);
    s.client("a").ran(0).copy(1, 5_000);
    s.client("b").copy(1, 300);
    s.client("c");

    Result r = assign(s);

    assertThat(r.active("b")).isEqualTo(tasks(1));
    assertThat(r.active("a")).isEqualTo(tasks(0));
  }

  @Test
  void shouldGiveATaskNobodyHoldsToTheLeastLoadedInstance() {
    AssignmentScenario s = new AssignmentScenario().statefulTasks(3).standbyReplicas(0);
    s.client("a").ran(0, 1);
    s.client("b");

    Result r = assign(s);

    assertThat(r.active("a")).isEqualTo(tasks(0, 1));
    assertThat(r.active("b")).isEqualTo(tasks(2));
  }

  @Test
  void shouldSpreadOneInstancesTasksOverTheNewcomersOnAScaleUp() {
    AssignmentScenario s = new AssignmentScenario().statefulTasks(6);
    s.client("a").ran(0, 1, 2, 3, 4, 5);
    s.client("b");
    s.client("c");

    Result r = assign(s);

    assertThat(r.active("a")).hasSize(2);
    assertThat(r.active("b")).hasSize(2);
    assertThat(r.active("c")).hasSize(2);
    assertThat(r.standby("a")).as("a keeps copies of what it gave away").hasSize(2);
  }

  @Test
  void shouldGiveARejoiningInstanceBackTheTasksItHoldsCopiesOf() {
    // a left (SIGTERM) and comes back with its state directory: copies of 0 and 1, a few records
    // behind; b and c each took one of its tasks in the meantime.
    AssignmentScenario s = new AssignmentScenario().statefulTasks(6);
    s.client("a").copy(0, 3).copy(1, 2).copy(3, 0);
    s.client("b").ran(0, 2, 3).copy(5, 0);
    s.client("c").ran(1, 4, 5).copy(2, 0);

    Result r = assign(s);

    assertThat(r.active("a")).isEqualTo(tasks(0, 1));
    assertThat(r.active("b")).isEqualTo(tasks(2, 3));
    assertThat(r.active("c")).isEqualTo(tasks(4, 5));
  }

  @Test
  void shouldWeightTheFairShareByProcessingThreads() {
    AssignmentScenario s = new AssignmentScenario().statefulTasks(6).standbyReplicas(0);
    s.client("a").threads(2);
    s.client("b");

    Result r = assign(s);

    assertThat(r.active("a")).hasSize(4);
    assertThat(r.active("b")).hasSize(2);
  }

  @Test
  void shouldSpreadTheCopiesOfOneInstancesTasksOverTheOthersSoItsLossSplitsOverTheSurvivors() {
    // Copies left where an earlier round put them: both of a's tasks on b, both of b's on c.
    AssignmentScenario s = new AssignmentScenario().statefulTasks(6);
    s.client("a").ran(0, 1).copy(4, 0).copy(5, 0);
    s.client("b").ran(2, 3).copy(0, 0).copy(1, 0);
    s.client("c").ran(4, 5).copy(2, 0).copy(3, 0);

    Result r = assign(s);

    for (String owner : r.active().keySet()) {
      Set<String> holders = new TreeSet<>();
      for (TaskId t : r.active(owner)) {
        r.standby()
            .forEach(
                (client, copies) -> {
                  if (copies.contains(t)) {
                    holders.add(client);
                  }
                });
      }
      assertThat(holders).as("instances holding copies of %s's tasks", owner).hasSize(2);
    }
  }

  @Test
  void shouldPlaceAsManyStandbyCopiesAsConfiguredWhereInstancesAllowThem() {
    AssignmentScenario three = threeRunning().standbyReplicas(2);
    Result r = assign(three);
    for (int p = 0; p < 6; p++) {
      TaskId t = task(p);
      assertThat(r.standby().values().stream().filter(set -> set.contains(t)).count())
          .as("standby copies of %s", t)
          .isEqualTo(2);
    }

    AssignmentScenario alone = new AssignmentScenario().statefulTasks(6);
    alone.client("a").ran(0, 1, 2, 3, 4, 5);
    assertThat(assign(alone).standby("a")).as("one instance: nowhere for a copy").isEmpty();
  }

  @Test
  void shouldGiveStatelessTasksNoStandbyAndSpreadThem() {
    AssignmentScenario s =
        new AssignmentScenario().statefulTasks(2).statelessTasks(1, 2).standbyReplicas(1);
    s.client("a").ran(0);
    s.client("b").ran(1);

    Result r = assign(s);

    assertThat(r.active("a")).hasSize(2);
    assertThat(r.active("b")).hasSize(2);
    assertThat(r.standby("a")).isEqualTo(tasks(1));
    assertThat(r.standby("b")).isEqualTo(tasks(0));
  }

  @Test
  void shouldStillAssignEverythingWhenKafkaStreamsCouldNotComputeTheLags() {
    // When the changelog end offsets cannot be fetched every lag is UNKNOWN_OFFSET_SUM (-3).
    AssignmentScenario s = new AssignmentScenario().statefulTasks(4);
    s.client("a").ran(0, 1).copy(2, -3);
    s.client("b").copy(3, -3);
    s.client("a").lags.replaceAll((t, lag) -> -3L);

    Result r = assign(s);

    assertThat(r.active("a")).isEqualTo(tasks(0, 1));
    assertThat(r.active("b")).isEqualTo(tasks(2, 3));
  }

  @Test
  void shouldReportTheWholeChangelogAsTheLagOfAClientWithoutACopy() {
    // Guards the scenarios' premise: the lag Kafka Streams gives a client without a copy.
    AssignmentScenario s = new AssignmentScenario().statefulTasks(1);
    assertThat(s.client("a").lagFor(task(0))).isEqualTo(CHANGELOG_END);
  }
}
