package io.clipstream.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SegmentLayoutTest {

  @Test
  void shouldReadCameraAndUtcStartFromAFrigatePath() {
    var named = SegmentLayout.parse("frigate").match(Path.of("2024-05-24/05/front_door/53.10.mp4"));

    assertThat(named).isPresent();
    assertThat(named.get().cameraId()).isEqualTo("front_door");
    assertThat(named.get().start()).isEqualTo(Instant.parse("2024-05-24T05:53:10Z"));
  }

  @Test
  void shouldReadAStrftimePattern() {
    var layout = SegmentLayout.parse("{camera}/%Y%m%d/%H%M%S.mp4");

    assertThat(layout.match(Path.of("cam-1/20240524/055310.mp4")).get().start())
        .isEqualTo(Instant.parse("2024-05-24T05:53:10Z"));
    assertThat(layout.match(Path.of("cam-1/20240524/055310.mp4.part"))).isEmpty();
    assertThat(layout.match(Path.of("cam-1/20241324/055310.mp4"))).as("month 13").isEmpty();
  }

  @Test
  void shouldRefuseAPatternWithoutCameraOrMinute() {
    assertThatThrownBy(() -> SegmentLayout.parse("%Y%m%d/%H.mp4"))
        .hasMessageContaining("lacks {camera}");
    assertThatThrownBy(() -> SegmentLayout.parse("{camera}/%Y%m%d%H.mp4"))
        .hasMessageContaining("lacks %M");
    assertThatThrownBy(() -> SegmentLayout.parse("{camera}/%Y%m%d%H%M%j.mp4"))
        .hasMessageContaining("unknown field");
  }
}
