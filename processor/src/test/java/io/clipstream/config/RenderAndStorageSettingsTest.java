package io.clipstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderAndStorageSettingsTest {

  static ClipstreamConfig load(Machine machine, Map<String, String> overrides) {
    Map<String, String> flags = new HashMap<>(ConfigLoaderTest.REQUIRED);
    flags.putAll(overrides);
    return ConfigLoader.load(Optional.empty(), Map.of(), flags, machine);
  }

  @Test
  void shouldDeriveWorkersFromCoresAndEncodersFromMemoryOutsideTheHeap() {
    // 16 GiB, 4 GiB heap: 6 GiB for encoders = 29 at 211 MiB, capped by the 8 workers.
    assertThat(load(new Machine(16, 16L << 30, 4L << 30), Map.of()).render())
        .extracting(RenderSection::workers, RenderSection::maxConcurrentEncoders)
        .containsExactly(8, 8);
    // 2 GiB, 1 GiB heap: 512 MiB for encoders = 2.
    assertThat(load(new Machine(16, 2L << 30, 1L << 30), Map.of()).render().maxConcurrentEncoders())
        .isEqualTo(2);
    // Never below one.
    assertThat(load(new Machine(1, 1L << 30, 1L << 30), Map.of()).render())
        .extracting(RenderSection::workers, RenderSection::maxConcurrentEncoders)
        .containsExactly(1, 1);
    assertThat(
            load(ConfigLoaderTest.MACHINE, Map.of("render.max.concurrent.encoders", "3"))
                .render()
                .maxConcurrentEncoders())
        .isEqualTo(3);
  }

  @Test
  void shouldResolveRenderDefaults() {
    RenderSection r = load(ConfigLoaderTest.MACHINE, Map.of()).render();
    assertThat(r.decoderCacheSize()).isEqualTo(8);
    assertThat(r.encoder()).isEqualTo("libx264");
    assertThat(r.crf()).isEqualTo(23);
    assertThat(r.preset()).isEqualTo("veryfast");
    assertThat(r.hold()).isEqualTo(Duration.ofMillis(500));
    assertThat(r.workDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "clipstream"));
  }

  @Test
  void shouldNormalizeStorageUris() {
    assertThat(load(ConfigLoaderTest.MACHINE, Map.of()).storageUri())
        .isEqualTo(Path.of("clips").toAbsolutePath().toUri());
    assertThat(load(ConfigLoaderTest.MACHINE, Map.of("storage.uri", "s3://b/p")).storageUri())
        .isEqualTo(URI.create("s3://b/p"));
    assertThat(
            load(ConfigLoaderTest.MACHINE, Map.of("storage.uri", "file:///data/clips"))
                .storageUri())
        .isEqualTo(URI.create("file:///data/clips"));
  }

  @Test
  void shouldBuildTheStorageLayerSettingsWithPathStyleFollowingTheEndpoint() {
    StorageSettings aws = load(ConfigLoaderTest.MACHINE, Map.of()).storage();
    assertThat(aws.endpoint()).isEmpty();
    assertThat(aws.pathStyle()).isFalse();
    assertThat(aws.region()).contains("us-east-1");
    assertThat(aws.presignLifetime()).isZero();
    assertThat(aws.maxAttempts()).isEqualTo(5);
    assertThat(aws.initialBackoff()).isEqualTo(Duration.ofMillis(500));

    StorageSettings minio =
        load(
                ConfigLoaderTest.MACHINE,
                Map.of(
                    "storage.s3.endpoint", "http://minio:9000", "storage.presign.ttl.ms", "60000"))
            .storage();
    assertThat(minio.endpoint()).contains(URI.create("http://minio:9000"));
    assertThat(minio.pathStyle()).isTrue();
    assertThat(minio.presignLifetime()).isEqualTo(Duration.ofMinutes(1));

    assertThat(
            load(
                    ConfigLoaderTest.MACHINE,
                    Map.of(
                        "storage.s3.endpoint",
                        "http://minio:9000",
                        "storage.s3.path.style",
                        "false"))
                .storage()
                .pathStyle())
        .isFalse();
  }
}
