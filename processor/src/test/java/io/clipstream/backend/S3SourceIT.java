package io.clipstream.backend;

import static io.clipstream.backend.TestCommands.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.config.SourceRoots;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.media.Ffprobe;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.render.DecodeMode;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.renderer.RenderOutcome;
import io.clipstream.storage.LocalClipStore;
import io.clipstream.storage.S3SourceLinks;
import io.clipstream.storage.StorageSettings;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.WithRealComponents;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.core.sync.RequestBody;

/** Footage kept in S3 is read through presigned URLs, within the allowed buckets only. */
@WithRealComponents
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
class S3SourceIT {

  @TempDir Path dir;

  @Test
  void shouldRenderFromAnS3SourceInAnAllowedBucketAndRefuseOtherBuckets(RealS3 s3)
      throws Exception {
    String bucket = "nvr-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    Path video =
        SyntheticVideo.builder()
            .size(320, 240)
            .fps(10, 1)
            .frames(30)
            .gop(10)
            .writeTo(dir.resolve("segment.mp4"));
    s3.s3Client()
        .putObject(r -> r.bucket(bucket).key("cam-1/segment.mp4"), RequestBody.fromFile(video));
    StorageSettings storage =
        StorageSettings.builder()
            .endpoint(s3.endpoint())
            .region(s3.region())
            .credentials(s3.accessKey(), s3.secretKey())
            .build();
    BackendSettings backendSettings =
        new BackendSettings(dir.resolve("work"), RenderSettings.defaults(), 2, DecodeMode.auto());
    try (S3SourceLinks links = new S3SourceLinks(storage);
        StoringClipBackend backend =
            StoringClipBackend.create(
                backendSettings,
                new SourceRoots(List.of(), List.of(URI.create("s3://" + bucket)), List.of()),
                SourceLocator.withS3(links::presign),
                new LocalClipStore(dir.resolve("clips")),
                Optional.empty(),
                "test")) {
      RenderOptions fast = RenderOptions.newBuilder().setPreset("ultrafast").build();
      RenderCommand allowed =
          command("clip-s3", "ev-s3", "s3://" + bucket + "/cam-1/segment.mp4", 1_000, 2_500)
              .setOptions(fast)
              .build();
      RenderCommand elsewhere =
          command("clip-other", "ev-other", "s3://other-bucket/cam-1/segment.mp4", 0, 1_000)
              .setOptions(fast)
              .build();

      List<RenderOutcome> outcomes = backend.execute(List.of(allowed, elsewhere));

      assertThat(outcomes.get(0).failed().map(ClipFailed::getMessage)).isEmpty();
      Path clip = Path.of(URI.create(outcomes.get(0).ready().orElseThrow().getVideoUri()));
      assertThat(Files.size(clip)).isPositive();
      assertThat(Ffprobe.videoStream(clip).path("nb_frames").asLong()).isEqualTo(15);
      ClipFailed refused = outcomes.get(1).failed().orElseThrow();
      assertThat(refused.getReason()).isEqualTo(FailureReason.SOURCE_NOT_ALLOWED);
      assertThat(refused.getMessage()).contains("s3://other-bucket", "sources.allowed.roots");
    }
  }
}
