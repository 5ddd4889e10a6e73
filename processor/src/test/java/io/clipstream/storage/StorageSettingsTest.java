package io.clipstream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {

  @Test
  void shouldHaveTheDocumentedDefaults() {
    StorageSettings d = StorageSettings.defaults();

    assertThat(d.endpoint()).isEmpty();
    assertThat(d.region()).isEmpty();
    assertThat(d.pathStyle()).isFalse();
    assertThat(d.accessKeyId()).isEmpty();
    assertThat(d.presign()).isFalse();
    assertThat(d.maxAttempts()).isEqualTo(5);
    assertThat(d.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.attemptTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void shouldUsePathStyleByDefaultOnlyWithAnEndpointOverride() {
    assertThat(
            StorageSettings.builder().endpoint(URI.create("http://minio:9000")).build().pathStyle())
        .isTrue();
    assertThat(
            StorageSettings.builder()
                .endpoint(URI.create("http://minio:9000"))
                .pathStyle(false)
                .build()
                .pathStyle())
        .isFalse();
  }

  @Test
  void shouldNeverPrintTheSecret() {
    String text =
        StorageSettings.builder().credentials("AKIDEXAMPLE", "s3cr3t-value").build().toString();

    assertThat(text).contains("AKIDEXAMPLE").doesNotContain("s3cr3t-value");
  }

  @Test
  void shouldRefuseInvalidValuesWithClearMessages() {
    assertThatThrownBy(() -> StorageSettings.builder().credentials("AKID", null).build())
        .hasMessageContaining("both");
    assertThatThrownBy(() -> StorageSettings.builder().presignLifetime(Duration.ofDays(8)).build())
        .hasMessageContaining("7 days");
    assertThatThrownBy(() -> StorageSettings.builder().maxAttempts(0).build())
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> StorageSettings.builder().initialBackoff(Duration.ZERO).build())
        .hasMessageContaining("positive");
  }
}
