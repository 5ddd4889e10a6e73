package io.clipstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamsProcessNamesTest {

  private static final String APP = "clipstream-renderer";
  private static final UUID DEAD = UUID.fromString("7bea94a7-1ffc-4819-ab61-2a3591bd6ce1");
  private static final UUID LIVE = UUID.fromString("2c3be4e1-59b4-41ed-ada0-7b2ee31a6449");

  @Test
  void shouldReadTheProcessIdOfAStreamThreadsTransactionalId() {
    assertThat(StreamsProcessNames.ofTransactionalId(APP, APP + "-" + DEAD + "-1")).contains(DEAD);
    assertThat(StreamsProcessNames.ofTransactionalId(APP, APP + "-" + DEAD + "-12")).contains(DEAD);
  }

  @Test
  void shouldNotClaimTransactionalIdsOfOtherApplications() {
    // The planner of the same deployment, an application whose id starts with ours, another one.
    assertThat(StreamsProcessNames.ofTransactionalId(APP, "clipstream-planner-" + DEAD + "-1"))
        .isEmpty();
    assertThat(StreamsProcessNames.ofTransactionalId(APP, APP + "-v2-" + DEAD + "-1")).isEmpty();
    assertThat(StreamsProcessNames.ofTransactionalId(APP, "billing-" + DEAD + "-1")).isEmpty();
  }

  @Test
  void shouldNotClaimTransactionalIdsThatAreNotAProcessIdAndAThreadIndex() {
    assertThat(StreamsProcessNames.ofTransactionalId(APP, APP + "-" + DEAD)).isEmpty();
    assertThat(StreamsProcessNames.ofTransactionalId(APP, APP + "-" + DEAD + "-")).isEmpty();
    assertThat(StreamsProcessNames.ofTransactionalId(APP, APP + "-" + DEAD + "-1-extra")).isEmpty();
    assertThat(StreamsProcessNames.ofTransactionalId(APP, APP + "-1-2-3-4-5-1")).isEmpty();
    assertThat(StreamsProcessNames.ofTransactionalId(APP, APP + "-recorder")).isEmpty();
  }

  @Test
  void shouldReadTheProcessIdOfKafkaStreamsDefaultClientIds() {
    assertThat(StreamsProcessNames.ofClientId(APP, APP + "-" + LIVE + "-StreamThread-2-consumer"))
        .contains(LIVE);
  }

  @Test
  void shouldFindNoProcessIdInAClientIdTheUserSet() {
    assertThat(StreamsProcessNames.ofClientId(APP, "renderer-0-StreamThread-1-consumer")).isEmpty();
    assertThat(StreamsProcessNames.ofClientIds(APP, List.of("a", "b"))).isEmpty();
  }

  @Test
  void shouldSelectOnlyTransactionsOfThisApplicationWhoseProcessIsNoLongerAMember() {
    List<String> ongoing =
        List.of(
            APP + "-" + DEAD + "-1",
            APP + "-" + LIVE + "-1",
            APP + "-" + DEAD + "-2",
            "other-app-" + DEAD + "-1",
            APP + "-not-a-uuid-1");
    Set<UUID> live =
        StreamsProcessNames.ofClientIds(
            APP,
            List.of(
                APP + "-" + LIVE + "-StreamThread-1-consumer",
                APP + "-" + LIVE + "-StreamThread-2-consumer"));

    assertThat(StreamsProcessNames.withoutLiveOwner(APP, ongoing, live))
        .containsExactly(APP + "-" + DEAD + "-1", APP + "-" + DEAD + "-2");
  }

  @Test
  void shouldSelectNothingWhileEveryOwnerIsAMember() {
    assertThat(
            StreamsProcessNames.withoutLiveOwner(
                APP, List.of(APP + "-" + LIVE + "-1"), Set.of(LIVE)))
        .isEmpty();
  }
}
