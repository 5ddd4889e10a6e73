package io.clipstream.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlannerSettingsTest {

  @Test
  void shouldHaveTheDocumentedDefaults() {
    PlannerSettings s = PlannerSettings.defaults();
    assertThat(s.preRoll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.postRoll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.grace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.segmentWait()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.maxEventDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.detectionRetention()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.overlapPolicy()).isEqualTo(OverlapPolicy.PER_EVENT);
    assertThat(s.maxCommandBytes()).isEqualTo(900_000);
    assertThat(s.topics().events()).isEqualTo("cv.events");
  }

  @Test
  void shouldRefuseARetentionShorterThanTheLongestWait() {
    assertThatThrownBy(
            () -> PlannerSettings.builder().detectionRetention(Duration.ofMinutes(2)).build())
        .hasMessageContaining("detectionRetention");
  }

  @Test
  void shouldRunExactlyOnceWithTheDeadLetterTopic() {
    var props =
        PlannerStreamsConfig.streamsConfig(
            PlannerSettings.defaults(), "app", "localhost:9092", Path.of("target"));
    assertThat(props.get("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(props.get("errors.dead.letter.queue.topic.name")).isEqualTo("clips.dead-letter");
  }
}
