package io.clipstream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.WithRealComponents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@link S3ClipStore} against a real S3 server (S3Proxy, a child process). */
@WithRealComponents
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
class S3ClipStoreIT {

  private static final String STEM =
      ClipKeys.stem("office cam", "violation/001", Instant.parse("2024-05-24T05:53:00Z"), "clip-1");

  @TempDir Path work;

  private static String newBucket(RealS3 s3) {
    String bucket = "clips-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    return bucket;
  }

  private static StorageSettings.Builder settings(RealS3 s3) {
    return StorageSettings.builder()
        .endpoint(s3.endpoint())
        .region(s3.region())
        .credentials(s3.accessKey(), s3.secretKey())
        .initialBackoff(Duration.ofMillis(200))
        .maxBackoff(Duration.ofSeconds(2));
  }

  private ClipFiles render(String name, int videoBytes) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    byte[] video = new byte[videoBytes];
    new Random(name.hashCode()).nextBytes(video);
    return new ClipFiles(
        "clip-1",
        Files.write(dir.resolve("clip.mp4"), video),
        Files.writeString(dir.resolve("clip.json"), "{\"render\":\"" + name + "\"}"),
        Optional.of(Files.writeString(dir.resolve("clip.jpg"), "jpeg of " + name)));
  }

  private static ResponseBytes<GetObjectResponse> download(RealS3 s3, String bucket, String key) {
    try (S3Client client = s3.s3Client()) {
      return client.getObjectAsBytes(r -> r.bucket(bucket).key(key));
    }
  }

  private static HeadObjectResponse head(RealS3 s3, String bucket, String key) {
    try (S3Client client = s3.s3Client()) {
      return client.headObject(r -> r.bucket(bucket).key(key));
    }
  }

  @Test
  void shouldUploadTheClipSoThatItDownloadsByteForByte(RealS3 s3) throws Exception {
    String bucket = newBucket(s3);
    ClipFiles files = render("first", 3 * 1024 * 1024 + 17);

    StoredClip stored;
    try (ClipStore store =
        ClipStores.open(URI.create("s3://" + bucket + "/evidence"), settings(s3).build())) {
      stored = store.store(files, STEM, false);
    }

    String key = "evidence/" + STEM + ".mp4";
    ResponseBytes<GetObjectResponse> video = download(s3, bucket, key);
    assertThat(video.asByteArray()).isEqualTo(Files.readAllBytes(files.video()));
    assertThat(Digests.sha256Hex(video.asByteArray())).isEqualTo(stored.sha256());
    assertThat(video.response().contentType()).isEqualTo("video/mp4");
    assertThat(video.response().metadata())
        .containsEntry("sha256", stored.sha256())
        .containsEntry("clip-id", "clip-1");
    assertThat(stored.video().uri()).isEqualTo(URI.create("s3://" + bucket + "/" + key));
    assertThat(stored.video().bytes()).isEqualTo(Files.size(files.video()));
    assertThat(stored.reused()).isFalse();
    assertThat(stored.playableUrl()).isEmpty();
    ResponseBytes<GetObjectResponse> sidecar = download(s3, bucket, "evidence/" + STEM + ".json");
    assertThat(sidecar.asByteArray()).isEqualTo(Files.readAllBytes(files.sidecar()));
    assertThat(sidecar.response().contentType()).isEqualTo("application/json");
    ResponseBytes<GetObjectResponse> jpg = download(s3, bucket, "evidence/" + STEM + ".jpg");
    assertThat(jpg.asByteArray()).isEqualTo(Files.readAllBytes(files.thumbnail().orElseThrow()));
    assertThat(jpg.response().contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void shouldReuseTheStoredClipOnReplayWithoutUploadingAgain(RealS3 s3) throws Exception {
    String bucket = newBucket(s3);
    try (ClipStore store = ClipStores.open(URI.create("s3://" + bucket), settings(s3).build())) {
      StoredClip first = store.store(render("first", 100_000), STEM, false);
      HeadObjectResponse before = head(s3, bucket, STEM + ".mp4");
      Thread.sleep(1100); // Last-Modified has one-second resolution

      StoredClip replay = store.store(render("replayed", 120_000), STEM, false);

      HeadObjectResponse after = head(s3, bucket, STEM + ".mp4");
      assertThat(replay.reused()).isTrue();
      assertThat(replay.sha256()).isEqualTo(first.sha256());
      assertThat(replay.video()).isEqualTo(first.video());
      assertThat(after.eTag()).isEqualTo(before.eTag());
      assertThat(after.lastModified()).isEqualTo(before.lastModified());
    }
  }

  @Test
  void shouldReplaceTheStoredClipWhenForced(RealS3 s3) throws Exception {
    String bucket = newBucket(s3);
    try (ClipStore store = ClipStores.open(URI.create("s3://" + bucket), settings(s3).build())) {
      StoredClip first = store.store(render("first", 100_000), STEM, false);
      ClipFiles second = render("second", 120_000);

      StoredClip forced = store.store(second, STEM, true);

      assertThat(forced.reused()).isFalse();
      assertThat(forced.sha256()).isNotEqualTo(first.sha256());
      assertThat(download(s3, bucket, STEM + ".mp4").asByteArray())
          .isEqualTo(Files.readAllBytes(second.video()));
      assertThat(download(s3, bucket, STEM + ".json").asByteArray())
          .isEqualTo(Files.readAllBytes(second.sidecar()));
    }
  }

  @Test
  void shouldUploadAgainOverAnMp4LeftWithoutSidecar(RealS3 s3) throws Exception {
    String bucket = newBucket(s3);
    try (S3Client client = s3.s3Client()) {
      client.putObject(
          r -> r.bucket(bucket).key(STEM + ".mp4"),
          software.amazon.awssdk.core.sync.RequestBody.fromString("half an upload"));
    }
    try (ClipStore store = ClipStores.open(URI.create("s3://" + bucket), settings(s3).build())) {
      assertThat(store.find("clip-1", STEM)).isEmpty();
      ClipFiles files = render("whole", 50_000);

      StoredClip stored = store.store(files, STEM, false);

      assertThat(stored.reused()).isFalse();
      assertThat(download(s3, bucket, STEM + ".mp4").asByteArray())
          .isEqualTo(Files.readAllBytes(files.video()));
      assertThat(store.find("clip-1", STEM)).isPresent();
    }
  }

  @Test
  void shouldGiveAPresignedUrlThatPlainHttpCanFetchAndThatRefusesTampering(RealS3 s3)
      throws Exception {
    String bucket = newBucket(s3);
    ClipFiles files = render("first", 200_000);
    StoredClip stored;
    try (ClipStore store =
        ClipStores.open(
            URI.create("s3://" + bucket),
            settings(s3).presignLifetime(Duration.ofMinutes(5)).build())) {
      stored = store.store(files, STEM, false);
    }
    URI url = stored.playableUrl().orElseThrow();
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<byte[]> ok =
        http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    String tamperedUrl = url.toString().replace(STEM + ".mp4", STEM + ".json");
    HttpResponse<byte[]> tampered =
        http.send(
            HttpRequest.newBuilder(URI.create(tamperedUrl)).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(url.toString()).doesNotContain(s3.secretKey()).contains("X-Amz-Signature=");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(Files.readAllBytes(files.video()));
    assertThat(tampered.statusCode()).isEqualTo(403);
  }

  @Test
  @ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ_WRITE)
  void shouldRideOutAnOutageWithinTheRetryWindow(RealS3 s3) throws Exception {
    String bucket = newBucket(s3);
    ClipFiles files = render("outage", 500_000);
    try (ClipStore store =
        ClipStores.open(URI.create("s3://" + bucket), settings(s3).maxAttempts(12).build())) {
      CompletableFuture<StoredClip> upload;
      s3.stop();
      try {
        upload = CompletableFuture.supplyAsync(() -> store.store(files, STEM, false));
        Thread.sleep(1500);
        assertThat(upload).as("the store waits for S3 to come back").isNotDone();
      } finally {
        s3.start();
      }

      StoredClip stored = upload.get(60, TimeUnit.SECONDS);

      assertThat(stored.reused()).isFalse();
      assertThat(download(s3, bucket, STEM + ".mp4").asByteArray())
          .isEqualTo(Files.readAllBytes(files.video()));
    }
  }

  @Test
  void shouldFailFastAndClearlyOnAWrongSecret(RealS3 s3) throws Exception {
    String bucket = newBucket(s3);
    StorageSettings wrong =
        settings(s3).credentials(s3.accessKey(), "wrong-" + s3.secretKey()).build();
    ClipFiles files = render("first", 1000);
    try (ClipStore store = ClipStores.open(URI.create("s3://" + bucket), wrong)) {
      long started = System.nanoTime();

      assertThatThrownBy(() -> store.store(files, STEM, false))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("HTTP 403")
          .hasMessageContaining(bucket)
          .hasMessageContaining(s3.endpoint().toString())
          .hasMessageContaining("credentials")
          .message()
          .doesNotContain(s3.secretKey());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void shouldSayThatTheBucketDoesNotExist(RealS3 s3) throws Exception {
    ClipFiles files = render("first", 1000);
    try (ClipStore store =
        ClipStores.open(URI.create("s3://no-such-bucket-here/clips"), settings(s3).build())) {
      assertThatThrownBy(() -> store.store(files, STEM, false))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("bucket 'no-such-bucket-here' does not exist");
    }
  }
}
