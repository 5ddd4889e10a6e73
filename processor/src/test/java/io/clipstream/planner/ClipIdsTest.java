package io.clipstream.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClipIdsTest {

  @Test
  void shouldSanitiseIdsSoTheyCannotEscapeTheOutputPrefix() {
    assertThat(ClipIds.safe("../../etc/passwd")).isEqualTo("__.._etc_passwd");
    assertThat(ClipIds.safe("..")).isEqualTo("_");
    assertThat(ClipIds.safe("cam 1/ä")).isEqualTo("cam_1_");
    assertThat(ClipIds.safe("")).isEqualTo("_");
    assertThat(ClipIds.safe("x".repeat(300))).hasSize(100);
  }

  @Test
  void shouldBuildCameraDateEventClipKeys() {
    long t = java.time.Instant.parse("2024-05-24T23:59:59Z").toEpochMilli();
    assertThat(ClipIds.outputKey("cam/1", "ev:7", t, "clip-ab"))
        .isEqualTo("cam_1/2024/05/24/ev_7/clip-ab");
  }

  @Test
  void shouldDeriveTheSameClipIdFromTheSameEventAndWindowOnly() {
    String id = ClipIds.clipId("cam", List.of("ev"), 1, 2);
    assertThat(ClipIds.clipId("cam", List.of("ev"), 1, 2)).isEqualTo(id);
    assertThat(ClipIds.clipId("cam", List.of("ev"), 1, 3)).isNotEqualTo(id);
    assertThat(ClipIds.clipId("cam2", List.of("ev"), 1, 2)).isNotEqualTo(id);
  }
}
