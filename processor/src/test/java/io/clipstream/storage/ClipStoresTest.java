package io.clipstream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipStoresTest {

  // An explicit region keeps the SDK from asking the instance metadata service.
  private static final StorageSettings SETTINGS =
      StorageSettings.builder().region("us-east-1").build();

  @Test
  void shouldOpenALocalStoreForAFileUri(@TempDir Path dir) {
    try (ClipStore store = ClipStores.open(dir.toUri(), SETTINGS)) {
      assertThat(store).isInstanceOf(LocalClipStore.class);
      assertThat(Path.of(store.root())).isEqualTo(dir.toAbsolutePath());
    }
  }

  @Test
  void shouldOpenAnS3StoreWithBucketAndPrefix() {
    try (ClipStore store =
        ClipStores.open(URI.create("s3://my_bucket/evidence/clips/"), SETTINGS)) {
      assertThat(store).isInstanceOf(S3ClipStore.class);
      assertThat(store.root()).isEqualTo(URI.create("s3://my_bucket/evidence/clips/"));
    }
    try (ClipStore store = ClipStores.open(URI.create("s3://bucket"), SETTINGS)) {
      assertThat(store.root()).isEqualTo(URI.create("s3://bucket/"));
    }
  }

  @Test
  void shouldRefuseUnknownSchemesListingTheSupportedOnes() {
    assertThatThrownBy(() -> ClipStores.open(URI.create("gs://bucket/clips"), SETTINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scheme 'gs'")
        .hasMessageContaining("file:///")
        .hasMessageContaining("s3://");
  }

  @Test
  void shouldRefuseMalformedUris() {
    assertThatThrownBy(() -> ClipStores.open(URI.create("file:clips"), SETTINGS))
        .hasMessageContaining("absolute path");
    assertThatThrownBy(() -> ClipStores.open(URI.create("s3:///clips"), SETTINGS))
        .hasMessageContaining("needs a bucket");
    assertThatThrownBy(() -> ClipStores.open(URI.create("s3://b/../etc"), SETTINGS))
        .hasMessageContaining("Unsafe");
    assertThatThrownBy(() -> ClipStores.open(URI.create("clips"), SETTINGS))
        .hasMessageContaining("unknown scheme ''");
  }
}
