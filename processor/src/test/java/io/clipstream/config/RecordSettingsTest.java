package io.clipstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordSettingsTest {

  private static ClipstreamConfig load(Map<String, String> overrides) {
    Map<String, String> flags = new HashMap<>(ConfigLoaderTest.REQUIRED);
    flags.put("roles", "recorder");
    flags.putAll(overrides);
    return ConfigLoader.load(Optional.empty(), Map.of(), flags, ConfigLoaderTest.MACHINE);
  }

  @Test
  void shouldReadCamerasAsIdEqualsUrlWithQueryStringsIntact() {
    RecorderSection r =
        load(Map.of(
                "record.cameras",
                "door=rtsp://viewer:pw-41@10.0.0.21/stream1,yard=tcp://10.0.0.22:5000?timeout=5",
                "record.segment.ms",
                "30000",
                "record.storage.uri",
                "s3://nvr/segments"))
            .recording();

    assertThat(r.cameras())
        .extracting(CameraInput::id, CameraInput::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "door", URI.create("rtsp://viewer:pw-41@10.0.0.21/stream1")),
            org.assertj.core.groups.Tuple.tuple(
                "yard", URI.create("tcp://10.0.0.22:5000?timeout=5")));
    assertThat(r.segmentLength()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.storageUri()).isEqualTo(URI.create("s3://nvr/segments"));
    assertThat(r.cameras().get(0).toString())
        .doesNotContain("pw-41")
        .isEqualTo("door=rtsp://[hidden]@10.0.0.21/stream1");
  }

  @Test
  void shouldRefuseBadCameraEntriesWithoutShowingTheirCredentials() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "record.cameras",
                        "rtsp://u:pw-77@host/s,door=not a url,door2=tcp://h:1,door2=tcp://h:2")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("is not camera-id=url")
        .hasMessageContaining("camera door: 'not a url' is not a URL")
        .hasMessageContaining("camera door2 is listed twice")
        .hasMessageNotContaining("pw-77");
  }

  @Test
  void shouldRequireCamerasAndARetentionTheRendererCanLiveWith() {
    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("record.cameras is empty but the recorder role runs");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "record.cameras",
                        "door=tcp://h:1",
                        "record.retention.ms",
                        "600000",
                        "planner.detection.retention.ms",
                        "1800000")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("record.retention.ms = 600000 would delete segments");
  }
}
