package io.clipstream.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClipIdsTest {

  @Test
  void shouldBuildCameraDateEventClipKeysWithTheStorageSanitising() {
    java.time.Instant start = java.time.Instant.parse("2024-05-24T23:59:59Z");
    assertThat(ClipIds.outputKey("cam-1", "ev-7", start, "clip-ab"))
        .isEqualTo("cam-1/2024/05/24/ev-7/clip-ab");
    assertThat(ClipIds.outputKey("../../etc", "ev:7", start, "clip-ab"))
        .startsWith("etc--")
        .doesNotContain("..")
        .contains("/2024/05/24/ev_7--");
  }

  @Test
  void shouldDeriveTheSameClipIdFromTheSameEventAndWindowOnly() {
    String id = ClipIds.clipId("cam", List.of("ev"), 1, 2);
    assertThat(ClipIds.clipId("cam", List.of("ev"), 1, 2)).isEqualTo(id);
    assertThat(ClipIds.clipId("cam", List.of("ev"), 1, 3)).isNotEqualTo(id);
    assertThat(ClipIds.clipId("cam2", List.of("ev"), 1, 2)).isNotEqualTo(id);
  }
}
