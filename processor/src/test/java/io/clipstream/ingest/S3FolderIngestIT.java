package io.clipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.contracts.Segment;
import io.clipstream.ingest.folder.FolderIndexService;
import io.clipstream.ingest.folder.FolderIndexer;
import io.clipstream.media.VideoSource;
import io.clipstream.storage.S3SourceLinks;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An NVR that uploads Frigate-layout recordings to S3 (S3Proxy): {@code clipstream index} over
 * {@code s3://bucket/prefix} announces the uploaded objects once, probed through presigned URLs
 * (one carries a creation_time that moves its start); the watcher announces an object uploaded
 * while it runs, leaves a multipart upload alone until it completes, and nothing is announced twice
 * across restarts.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
class S3FolderIngestIT {

  private static final String CAMERA = "driveway";
  private static final Instant T0 =
      Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MINUTES);

  @Test
  void shouldIndexAndWatchAnS3PrefixAnnouncingEachCompleteObjectOnce(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    IngestRig rig = new IngestRig(kafka, registry, "s3-folder");
    String bucket = "nvr-" + rig.run;
    s3.createBucket(bucket);
    Path cuts = Files.createDirectories(rig.dir.resolve("cuts"));
    List<Path> segments = Footage.cut(cuts, 4);
    // The third segment's container says it began 1 s after its path's second.
    Path stamped = Footage.stamp(segments.get(2), T0.plusSeconds(21), cuts.resolve("stamped.mp4"));

    Map<String, String> flags = rig.flags("ingest");
    flags.put("ingest.folder.root", "s3://" + bucket + "/recordings");
    flags.put("ingest.folder.settle.ms", "1000");
    flags.put("ingest.folder.poll.ms", "500");
    flags.put("ingest.folder.ledger.topic", "ledger-" + rig.run);
    flags.put("storage.s3.endpoint", s3.endpoint().toString());
    flags.put("storage.s3.region", s3.region());
    ClipstreamConfig config = ConfigLoader.load(Optional.empty(), Map.of(), flags);
    try (RealS3.Restore credentials = s3.asDefaultCredentials();
        S3Client client = s3.s3Client();
        IngestRig.Reader<Segment> announced = rig.reader(ContractTopic.SEGMENTS, Segment.class)) {
      put(client, bucket, 0, segments.get(0));
      put(client, bucket, 1, segments.get(1));
      client.putObject(
          r -> r.bucket(bucket).key("recordings/notes.txt"), RequestBody.fromString("not video"));
      Thread.sleep(1_500); // older than the settle time

      // 1. clipstream index, once, over the prefix.
      FolderIndexer.Scan once = indexOnce(config);
      assertThat(once.announced()).isEqualTo(2);
      assertThat(once.ignored()).as("notes.txt does not fit the layout").isEqualTo(1);
      assertThat(indexOnce(config).announced()).as("a second run finds nothing new").isZero();
      List<ConsumerRecord<String, Segment>> first = announced.await(2, r -> true, null);
      Segment s0 = first.get(0).value();
      assertThat(first.get(0).key()).isEqualTo(CAMERA);
      assertThat(s0.getUri())
          .isEqualTo("s3://" + bucket + "/recordings/" + Footage.frigatePath(CAMERA, T0));
      assertThat(s0.getStart()).isEqualTo(T0);
      assertThat(Duration.between(s0.getStart(), s0.getEnd())).isEqualTo(Duration.ofSeconds(10));
      assertThat(s0.getWidth()).isEqualTo(768);
      assertThat(s0.getCodec()).isEqualTo("h264");
      assertThat(s0.getFps()).isEqualTo(10.0);
      assertThat(s0.getSizeBytes()).isEqualTo(Files.size(segments.get(0)));

      // 2. The watcher: an upload while it runs, and a multipart upload completed only later.
      try (FolderIndexService watcher = open(config)) {
        watcher.watch();
        put(client, bucket, 2, stamped);
        Segment third = announced.await(3, r -> true, null).get(2).value();
        assertThat(third.getStart())
            .as("the container's creation_time")
            .isEqualTo(T0.plusSeconds(21));

        String key = "recordings/" + Footage.frigatePath(CAMERA, T0.plusSeconds(30));
        String upload = client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String etag =
            client
                .uploadPart(
                    r -> r.bucket(bucket).key(key).uploadId(upload).partNumber(1),
                    RequestBody.fromFile(segments.get(3)))
                .eTag();
        assertThat(announced.settle(Duration.ofSeconds(3)))
            .as("a multipart upload in progress is invisible")
            .hasSize(3);
        client.completeMultipartUpload(
            r ->
                r.bucket(bucket)
                    .key(key)
                    .uploadId(upload)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
        Segment fourth = announced.await(4, r -> true, null).get(3).value();
        assertThat(fourth.getStart()).isEqualTo(T0.plusSeconds(30));
        assertThat(watcher.failed()).isFalse();
      }

      // 3. After a restart nothing is announced again, and the renderer's links read the URIs.
      assertThat(indexOnce(config).announced()).isZero();
      assertThat(announced.settle(Duration.ofSeconds(2))).hasSize(4);
      try (S3SourceLinks links = new S3SourceLinks(config.storage());
          VideoSource source =
              VideoSource.open(links.presign(URI.create(s0.getUri())).toString())) {
        assertThat(source.info().durationMicros()).isEqualTo(10_000_000L);
      }
    }
  }

  private static FolderIndexService open(ClipstreamConfig config) {
    return FolderIndexService.open(
        config.ingestFolder().orElseThrow(),
        new HashMap<>(config.kafkaClientProperties()),
        config.serdeConfig(),
        config.applicationId());
  }

  /** {@code clipstream index}'s work, in-process. */
  private static FolderIndexer.Scan indexOnce(ClipstreamConfig config) {
    try (FolderIndexService service = open(config)) {
      return service.indexOnce();
    }
  }

  private static void put(S3Client client, String bucket, int index, Path file) {
    String key = "recordings/" + Footage.frigatePath(CAMERA, T0.plusSeconds(10L * index));
    client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
  }
}
