package io.clipstream.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FairQueueTest {

  private static final long NOW = 1_000;

  @Test
  void shouldLetCamerasTakeTurnsSoOneCamerasBacklogDoesNotHoldUpAnother() {
    FairQueue q = new FairQueue();
    q.add("a1", "cam-a", 10);
    q.add("a2", "cam-a", 20);
    q.add("a3", "cam-a", 30);
    q.add("b1", "cam-b", 40); // arrives last, behind cam-a's whole backlog
    q.add("c1", "cam-c", 50);

    assertThat(q.due(NOW, id -> false, 10)).containsExactly("a1", "b1", "c1", "a2", "a3");
  }

  @Test
  void shouldServeTheOldestEventOfACameraFirstWhateverTheArrivalOrder() {
    FairQueue q = new FairQueue();
    q.add("late-arrival-old-event", "cam-a", 5);
    q.add("new-event", "cam-a", 50);
    q.add("mid-event", "cam-a", 20);

    assertThat(q.due(NOW, id -> false, 10))
        .containsExactly("late-arrival-old-event", "mid-event", "new-event");
  }

  @Test
  void shouldPutTheCameraJustServedBehindTheOthers() {
    FairQueue q = new FairQueue();
    q.add("a1", "cam-a", 10);
    q.add("a2", "cam-a", 20);
    q.add("b1", "cam-b", 30);
    q.add("b2", "cam-b", 40);

    q.served("a1");
    q.forget("a1");

    assertThat(q.due(NOW, id -> false, 10)).containsExactly("b1", "a2", "b2");
  }

  @Test
  void shouldSkipClipsWaitingForARetryOrAlreadyRenderingUntilTheyAreDue() {
    FairQueue q = new FairQueue();
    q.add("a1", "cam-a", 10);
    q.add("a2", "cam-a", 20);
    q.add("b1", "cam-b", 30);
    q.retryAt("a1", NOW + 500);

    assertThat(q.due(NOW, "b1"::equals, 10)).containsExactly("a2");
    assertThat(q.due(NOW + 500, id -> false, 10)).containsExactly("a1", "b1", "a2");
    q.dueNow("a1");
    assertThat(q.due(NOW, id -> false, 1)).containsExactly("a1");
  }

  @Test
  void shouldKeepAClipOnceWhenItIsAddedAgainAndCountWhatIsQueued() {
    FairQueue q = new FairQueue();
    q.add("a1", "cam-a", 10);
    q.retryAt("a1", NOW + 500);
    q.add("a1", "cam-a", 10);

    assertThat(q.size()).isEqualTo(1);
    assertThat(q.due(NOW, id -> false, 10)).as("keeps its retry time").isEmpty();
    q.forget("a1");
    assertThat(q.size()).isZero();
    assertThat(q.contains("a1")).isFalse();
  }
}
