package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.app.ClipstreamApp;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.Role;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.OutputLocation;
import io.clipstream.contracts.Point;
import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.SourceClip;
import io.clipstream.contracts.TimeRange;
import io.clipstream.contracts.Zone;
import io.clipstream.media.Ffprobe;
import io.clipstream.serde.AvroSerializer;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.serde.interop.ConfluentJavaScriptClient;
import io.clipstream.storage.ClipKeys;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole service as {@code clipstream run} starts it ({@link ClipstreamApp}: planner and
 * renderer from a {@link ClipstreamConfig}), on the real broker, the real Apicurio registry and
 * S3Proxy, fed the bundled demo sample (real footage, 7 events): the clips land in S3 and are
 * announced once, replays change nothing, bad commands are answered and the service carries on, and
 * Confluent's own client reads what it announces.
 *
 * <p>The sample's pipeline runs once for the class (started in {@link #startPipeline}); the
 * bad-command test runs its own renderer on its own topics so that its answers do not mix with the
 * sample's.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RendererPipelineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long PRESIGN_TTL_MS = 600_000;
  private static final Duration CLIPS_TIMEOUT = Duration.ofMinutes(4);
  private static final String CLIP_PREFIX = "clips";
  private static final String OFFICE_WINDOW = "window=0,0;110,0;110,165;0,165";
  private static final String ACCESS_KEY_PROPERTY = "aws.accessKeyId";
  private static final String SECRET_KEY_PROPERTY = "aws.secretAccessKey";

  private RealKafka kafka;
  private RealSchemaRegistry registry;
  private RealS3 s3;
  private final Map<String, Optional<String>> savedProperties = new LinkedHashMap<>();

  // The sample's pipeline.
  private Path dir;
  private DemoData data;
  private PipelineTopics topics;
  private String bucket;
  private ClipstreamConfig config;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private ClipstreamApp app;
  private List<ConsumerRecord<String, byte[]>> sampleClips;

  @BeforeAll
  void startPipeline(RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    this.kafka = kafka;
    this.registry = registry;
    this.s3 = s3;
    // storage.uri=s3://... takes its credentials from the AWS SDK's default chain, as deployed.
    setProperty(ACCESS_KEY_PROPERTY, s3.accessKey());
    setProperty(SECRET_KEY_PROPERTY, s3.secretKey());

    topics = PipelineTopics.unique("pipeline");
    topics.create(kafka);
    bucket = newBucket();
    dir = Files.createDirectories(Path.of("target", "pipeline-it", topics.run()));
    data = DemoData.extract(dir);
    config = config(topics, bucket, dir, Role.PLANNER, Role.RENDERER);
    app = ClipstreamApp.start(config, meters);
    publishSample();
  }

  @AfterAll
  void stopPipeline() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      savedProperties.forEach(
          (key, value) ->
              value.ifPresentOrElse(
                  v -> System.setProperty(key, v), () -> System.clearProperty(key)));
      meters.close();
    }
  }

  @Test
  @Order(1)
  void shouldTurnTheSampleEventsIntoPlayableClipsInS3AnnouncedOnClipsReady() throws Exception {
    List<ConsumerRecord<String, byte[]>> records = sampleClips();

    Map<String, ClipReady> byEvent = new TreeMap<>();
    try (S3Client client = s3.s3Client()) {
      for (ConsumerRecord<String, byte[]> record : records) {
        ClipReady clip = readyOf(topics.ready(), record.value());
        assertThat(record.key())
            .as("the key of clip-ready records is the event id")
            .isEqualTo(clip.getEventId());
        assertThat(byEvent.put(clip.getEventId(), clip)).as("one clip per event").isNull();
        checkStoredClip(client, clip);
        boolean office = clip.getCameraId().equals("cam-office");
        assertThat(clip.getRedacted())
            .as("planner.redaction.zones names cam-office only: %s", clip.getClipId())
            .isEqualTo(office);
        assertThat(clip.getOriginalVideoUri()).as("no original was asked for").isNull();
        if (office) {
          String key = URI.create(clip.getSidecarUri()).getPath().substring(1);
          JsonNode sidecar =
              JSON.readTree(client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
          assertThat(
                  sidecar
                      .path("settings")
                      .path("redaction")
                      .path("zones")
                      .get(0)
                      .path("name")
                      .asText())
              .as("the zone the planner's default put into the command of %s", clip.getClipId())
              .isEqualTo("window");
          assertThat(sidecar.path("frames"))
              .as("the window is masked on every frame of %s", clip.getClipId())
              .allSatisfy(
                  f ->
                      assertThat(f.path("redactions").get(0).path("zone").asText())
                          .isEqualTo("window"));
        }
      }
    }
    assertThat(byEvent.keySet()).isEqualTo(Set.copyOf(data.eventIds()));
    // Windows spanning two segments are complete; only street-0001's pre-roll reaches back before
    // its camera's first segment (09:00:10), and that part is reported as a gap.
    assertThat(byEvent.values())
        .filteredOn(ClipReady::getHasGaps)
        .extracting(ClipReady::getEventId)
        .containsExactly("street-0001");
    assertThat(byEvent.get("street-0001").getGaps())
        .singleElement()
        .satisfies(g -> assertThat(g.getEnd()).isEqualTo(Instant.parse("2024-05-24T09:00:10Z")));
    assertThat(byEvent.get("office-0002").getFrames())
        .as("office-0002's 25 s window at 10 fps, across two segments")
        .isEqualTo(250);
    assertThat(PipelineKafka.readToEnd(kafka, topics.failed()))
        .as("the sample has footage for every event: nothing fails")
        .isEmpty();
  }

  @Test
  @Order(2)
  void shouldNeitherAnnounceNorUploadAnythingAgainWhenInputsAndCommandsAreReplayed()
      throws Exception {
    List<ConsumerRecord<String, byte[]>> announced = sampleClips();
    Map<String, String> objectsBefore = objects(bucket);
    List<ConsumerRecord<String, byte[]>> commands =
        PipelineKafka.readToEnd(kafka, topics.commands());
    assertThat(objectsBefore).as("MP4, side-car and thumbnail of 7 clips").hasSize(21);
    assertThat(commands)
        .as(
            "the planner planned one command per event (log start offsets %s)",
            PipelineKafka.logStartOffsets(kafka, topics.commands()))
        .hasSize(7);
    double duplicatesBefore = duplicateCommandsSkipped();

    publishSample(); // the inputs again, as after a producer's retry or a topic replay
    PipelineKafka.sendRaw(kafka, topics.commands(), commands); // as an operator replaying commands

    // Done once both Kafka Streams applications have committed past everything replayed and the
    // renderer has counted the 7 re-sent commands as duplicates.
    String planner = ClipstreamApp.applicationId(config, Role.PLANNER);
    String renderer = ClipstreamApp.applicationId(config, Role.RENDERER);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    try (Admin admin = kafka.adminClient()) {
      while (true) {
        var plannerLag =
            PipelineKafka.lag(
                admin, planner, List.of(topics.segments(), topics.detections(), topics.events()));
        var rendererLag = PipelineKafka.lag(admin, renderer, List.of(topics.commands()));
        double duplicates = duplicateCommandsSkipped() - duplicatesBefore;
        if (plannerLag.isEmpty() && rendererLag.isEmpty() && duplicates >= commands.size()) {
          break;
        }
        assertThat(app.failed()).as("the service stopped: %s", app.states()).isFalse();
        assertThat(System.nanoTime())
            .as(
                "the replay is handled within 90 s (planner lag %s, renderer lag %s, %s"
                    + " duplicates skipped)",
                plannerLag, rendererLag, duplicates)
            .isLessThan(deadline);
        Thread.sleep(200);
      }
    }
    // A duplicate would be rendered off the stream thread and announced a moment later, and the
    // planner plans on a punctuator (planner.idle.advance.ms 1 s): keep checking for longer than
    // that that nothing new appears.
    long quietUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      assertThat(PipelineKafka.readToEnd(kafka, topics.commands()))
          .as("the planner plans no event again: only our 7 re-sent commands were added")
          .hasSize(14);
      List<ConsumerRecord<String, byte[]>> ready = PipelineKafka.readToEnd(kafka, topics.ready());
      assertThat(ready).as("clips.ready after the replay").hasSize(7);
      assertThat(ready.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
          .isEqualTo(announced.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
      assertThat(objects(bucket))
          .as("the same 21 objects, none written again (key -> ETag, Last-Modified, size)")
          .isEqualTo(objectsBefore);
      Thread.sleep(500);
    } while (System.nanoTime() < quietUntil);
    assertThat(PipelineKafka.readToEnd(kafka, topics.failed())).isEmpty();
    assertThat(app.running()).as("states %s", app.states()).isTrue();
  }

  @Test
  @Order(3)
  void shouldLetTheConfluentJavaScriptClientDecodeTheClipReadyRecordsTheRendererPublished()
      throws Exception {
    ConsumerRecord<String, byte[]> record = sampleClips().get(0);
    ClipReady ours = readyOf(topics.ready(), record.value());
    Path jsDir =
        Path.of(
            Optional.ofNullable(System.getProperty(ConfluentJavaScriptClient.JS_DIR_PROPERTY))
                .orElse("../schemas/src/test/js"));

    // No skipping without Node.js: the client fails saying what to install (.ci/run installs it).
    JsonNode decoded =
        ConfluentJavaScriptClient.forDirectory(jsDir)
            .withTimeout(Duration.ofMinutes(2))
            .deserialize(registry.confluentUrl(), topics.ready(), record.value());

    assertThat(decoded.path("clip_id").asText()).isEqualTo(ours.getClipId());
    assertThat(decoded.path("event_id").asText())
        .isEqualTo(ours.getEventId())
        .isEqualTo(record.key());
    assertThat(decoded.path("sha256").asText()).isEqualTo(ours.getSha256());
    assertThat(decoded.path("size_bytes").isIntegralNumber())
        .as("size_bytes in %s", decoded)
        .isTrue();
    assertThat(decoded.path("size_bytes").asLong()).isEqualTo(ours.getSizeBytes());
    assertThat(decoded.path("video_uri").asText()).isEqualTo(ours.getVideoUri());
    assertThat(decoded.path("frames").asLong()).isEqualTo(ours.getFrames());
  }

  @Test
  @Order(4)
  void shouldAnswerBadCommandsOnClipsFailedDeadLetterGarbageAndKeepRenderingTheCamera()
      throws Exception {
    PipelineTopics own = PipelineTopics.unique("pipeline-bad");
    own.create(kafka);
    String ownBucket = newBucket();
    Path ownDir = Files.createDirectories(Path.of("target", "pipeline-it", own.run()));
    DemoData sample = DemoData.extract(ownDir);
    Path recording = sample.recordings().resolve("cam-office/20240524-090000.mp4");
    Path outside = Files.createDirectories(ownDir.resolve("elsewhere")).resolve("copy.mp4");
    Files.copy(recording, outside);
    String camera = "cam-office";
    Instant fileStart = Instant.parse("2024-05-24T09:00:00Z");
    String run = own.run();

    RenderCommand notAllowed =
        command(camera, "bad-root-" + run, outside.toUri().toString(), fileStart, 2_000, 4_000)
            .build();
    Path missing = sample.recordings().resolve("cam-office/20240524-095959.mp4");
    RenderCommand unreadable =
        command(camera, "missing-" + run, missing.toUri().toString(), fileStart, 2_000, 4_000)
            .build();
    RenderCommand.Builder unsafeBuilder =
        command(camera, "unsafe-key-" + run, recording.toUri().toString(), fileStart, 2_000, 4_000);
    RenderCommand unsafeKey =
        unsafeBuilder.setOutput(OutputLocation.newBuilder().setKey("../../etc/x").build()).build();
    RenderCommand outsideWindow =
        command(camera, "late-" + run, recording.toUri().toString(), fileStart, 60_000, 62_000)
            .build();
    RenderCommand good =
        command(camera, "good-" + run, recording.toUri().toString(), fileStart, 2_000, 5_000)
            .build();

    ClipstreamConfig ownConfig = config(own, ownBucket, ownDir, Role.RENDERER);
    try (ClipstreamApp renderer = ClipstreamApp.start(ownConfig, new SimpleMeterRegistry())) {
      try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
        serializer.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (RenderCommand c : List.of(notAllowed, unreadable, unsafeKey, outsideWindow)) {
          records.add(raw(camera, serializer.serialize(own.commands(), c)));
        }
        records.add(raw(camera, "this is not Avro".getBytes(StandardCharsets.UTF_8)));
        records.add(raw(camera, serializer.serialize(own.commands(), good)));
        PipelineKafka.sendRaw(kafka, own.commands(), records);
      }

      var stopped = stoppedWhy(renderer);
      List<ConsumerRecord<String, byte[]>> ready =
          PipelineKafka.awaitRecords(kafka, own.ready(), 1, CLIPS_TIMEOUT, stopped);
      List<ConsumerRecord<String, byte[]>> failedRecords =
          PipelineKafka.awaitRecords(kafka, own.failed(), 4, Duration.ofSeconds(60), stopped);
      List<ConsumerRecord<String, byte[]>> dead =
          PipelineKafka.awaitRecords(kafka, own.deadLetter(), 1, Duration.ofSeconds(60), stopped);

      Map<String, ClipFailed> failed = new TreeMap<>();
      for (ConsumerRecord<String, byte[]> r : failedRecords) {
        ClipFailed f = failedOf(own.failed(), r.value());
        assertThat(r.key())
            .as("the key of clip-failed records is the event id")
            .isEqualTo(f.getEventId());
        assertThat(f.getCameraId()).isEqualTo(camera);
        assertThat(f.getStage()).isEqualTo("renderer");
        assertThat(f.getRetryable()).as("%s is the command's fault", f.getReason()).isFalse();
        failed.put(f.getEventId(), f);
      }
      assertThat(failed).hasSize(4);
      assertFailure(failed, notAllowed, FailureReason.SOURCE_NOT_ALLOWED)
          .contains(outside.toUri().toString())
          .contains("outside sources.allowed.roots")
          .contains(sample.recordings().toString());
      assertFailure(failed, unreadable, FailureReason.SOURCE_UNREADABLE)
          .contains("Cannot read")
          .contains(missing.toString());
      assertFailure(failed, unsafeKey, FailureReason.INVALID_COMMAND)
          .contains("output.key")
          .contains("../../etc/x")
          .contains("Unsafe storage key");
      // The window lies wholly after the end of the 20 s recording: no footage to render.
      assertFailure(failed, outsideWindow, FailureReason.NO_RECORDING)
          .contains("60.000-62.000 s starts after the end of")
          .contains(recording.toString())
          .containsPattern("\\(\\d+\\.\\d{3} s long\\)");

      ConsumerRecord<String, byte[]> garbage = dead.get(0);
      assertThat(garbage.key()).isEqualTo(camera);
      assertThat(new String(garbage.value(), StandardCharsets.UTF_8)).isEqualTo("this is not Avro");
      assertThat(header(garbage, "__streams.errors.topic")).isEqualTo(own.commands());
      assertThat(header(garbage, "__streams.errors.exception")).isNotBlank();

      assertThat(ready).hasSize(1);
      ClipReady clip = readyOf(own.ready(), ready.get(0).value());
      assertThat(ready.get(0).key()).isEqualTo(good.getEvent().getEventId());
      assertThat(clip.getClipId()).isEqualTo(good.getClipId());
      assertThat(clip.getVideoUri())
          .isEqualTo(
              "s3://" + ownBucket + "/" + CLIP_PREFIX + "/" + good.getOutput().getKey() + ".mp4");
      assertThat(clip.getFrames()).as("3 s at 10 fps").isBetween(29L, 31L);
      try (S3Client client = s3.s3Client()) {
        checkStoredClip(client, clip);
      }
      assertThat(PipelineKafka.readToEnd(kafka, own.ready()))
          .as("nothing else is announced")
          .hasSize(1);
      assertThat(renderer.running()).as("states %s", renderer.states()).isTrue();
    }
  }

  @Test
  @Order(5)
  void shouldRenderARedactedClipAndItsUnredactedOriginalAnnouncingBothWithTheirDigests()
      throws Exception {
    int before = sampleClips().size(); // the sample's clips first, so the count below is ours
    String camera = "cam-office";
    String eventId = "redacted-" + topics.run();
    Path recording = data.recordings().resolve("cam-office/20240524-090000.mp4");
    // The table and the floor of the 768x432 office view: real detail to mask. 192 x 288 pixels,
    // so pixelation blocks are a quarter of 192: 48 pixels, aligned on the zone's corner.
    int x0 = 384;
    int y0 = 64;
    int block = 48;
    Zone table =
        Zone.newBuilder()
            .setName("table")
            .setPoints(
                List.of(
                    new Point(384f, 64f),
                    new Point(576f, 64f),
                    new Point(576f, 352f),
                    new Point(384f, 352f)))
            .build();
    RenderCommand.Builder b =
        command(
            camera,
            eventId,
            recording.toUri().toString(),
            Instant.parse("2024-05-24T09:00:00Z"),
            2_000,
            5_000);
    RenderCommand redacted =
        b.setOptions(
                RenderOptions.newBuilder()
                    .setRedaction(
                        Redaction.newBuilder()
                            .setPrivacyZones(List.of(table))
                            .setMethod("pixelate")
                            .setKeepOriginal(true)
                            .build())
                    .build())
            .build();
    try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
      serializer.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
      PipelineKafka.sendRaw(
          kafka,
          topics.commands(),
          List.of(raw(camera, serializer.serialize(topics.commands(), redacted))));
    }
    ClipReady clip =
        PipelineKafka.awaitRecords(
                kafka, topics.ready(), before + 1, CLIPS_TIMEOUT, stoppedWhy(app))
            .stream()
            .map(r -> readyOf(topics.ready(), r.value()))
            .filter(c -> c.getEventId().equals(eventId))
            .findFirst()
            .orElseThrow();

    assertThat(clip.getRedacted()).isTrue();
    assertThat(clip.getStreamCopied()).isFalse();
    String stem = CLIP_PREFIX + "/" + redacted.getOutput().getKey();
    String originalStem = CLIP_PREFIX + "/original/" + redacted.getOutput().getKey();
    String base = "s3://" + bucket + "/";
    assertThat(clip.getVideoUri()).isEqualTo(base + stem + ".mp4");
    assertThat(clip.getOriginalVideoUri()).isEqualTo(base + originalStem + ".mp4");
    assertThat(clip.getOriginalSidecarUri()).isEqualTo(base + originalStem + ".json");
    assertThat(clip.getOriginalThumbnailUri()).isEqualTo(base + originalStem + ".jpg");
    try (S3Client client = s3.s3Client()) {
      checkStoredClip(client, clip);
      byte[] masked =
          client.getObjectAsBytes(r -> r.bucket(bucket).key(stem + ".mp4")).asByteArray();
      byte[] original =
          client.getObjectAsBytes(r -> r.bucket(bucket).key(originalStem + ".mp4")).asByteArray();
      assertThat(sha256(original)).isEqualTo(clip.getOriginalSha256());
      assertThat((long) original.length).isEqualTo(clip.getOriginalSizeBytes());
      assertThat(clip.getOriginalSha256()).isNotEqualTo(clip.getSha256());
      JsonNode sidecar =
          JSON.readTree(
              client.getObjectAsBytes(r -> r.bucket(bucket).key(stem + ".json")).asByteArray());
      assertThat(sidecar.path("redacted").asBoolean()).isTrue();
      assertThat(sidecar.path("frames")).hasSize((int) clip.getFrames());
      assertThat(sidecar.path("frames"))
          .allSatisfy(
              f ->
                  assertThat(f.path("redactions").get(0).path("zone").asText()).isEqualTo("table"));
      assertThat(
              client
                  .getObjectAsBytes(r -> r.bucket(bucket).key(originalStem + ".jpg"))
                  .asByteArray())
          .startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);

      int w = clip.getWidth();
      int h = clip.getHeight();
      assertThat(w).as("rendered at the source size: zone pixels are output pixels").isEqualTo(768);
      int frame = (int) clip.getFrames() / 2;
      byte[] maskedLuma = luma(masked, frame, w, h);
      byte[] originalLuma = luma(original, frame, w, h);
      int detailedBlocks = 0;
      for (int by = y0; by < 352; by += block) {
        for (int bx = x0; bx < 576; bx += block) {
          // Inside each block, away from its edges (the encoder's ringing at block borders).
          double inMasked = stdDev(maskedLuma, w, bx + 6, by + 6, block - 12, block - 12);
          double inOriginal = stdDev(originalLuma, w, bx + 6, by + 6, block - 12, block - 12);
          assertThat(inMasked)
              .as(
                  "luma deviation inside the pixelation block at %d,%d (source: %.1f)",
                  bx, by, inOriginal)
              .isLessThan(2.0);
          if (inOriginal > 6) {
            detailedBlocks++;
          }
        }
      }
      assertThat(detailedBlocks)
          .as("blocks of the source with detail that was masked")
          .isGreaterThanOrEqualTo(6);
      assertThat(meanAbsDiff(maskedLuma, originalLuma, w, 0, 0, 360, h))
          .as("left of the zone both clips show the same footage")
          .isLessThan(2.0);
    }
  }

  /** The luma plane of frame {@code index} of an MP4, decoded by the FFmpeg CLI. */
  private byte[] luma(byte[] mp4, int index, int w, int h) throws Exception {
    Path file = Files.createTempFile(dir.toAbsolutePath(), "redacted", ".mp4");
    try {
      Files.write(file, mp4);
      Process ffmpeg =
          new ProcessBuilder(
                  "ffmpeg",
                  "-v",
                  "error",
                  "-i",
                  file.toString(),
                  "-vf",
                  "select=eq(n\\," + index + ")",
                  "-frames:v",
                  "1",
                  "-f",
                  "rawvideo",
                  "-pix_fmt",
                  "gray",
                  "-")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      byte[] out = ffmpeg.getInputStream().readAllBytes();
      assertThat(ffmpeg.waitFor()).as("ffmpeg exit status").isZero();
      assertThat(out).as("one %dx%d grey frame", w, h).hasSize(w * h);
      return out;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static double stdDev(byte[] luma, int stride, int x, int y, int w, int h) {
    double sum = 0;
    double squares = 0;
    for (int r = y; r < y + h; r++) {
      for (int c = x; c < x + w; c++) {
        int v = luma[r * stride + c] & 0xFF;
        sum += v;
        squares += (double) v * v;
      }
    }
    double n = (double) w * h;
    double mean = sum / n;
    return Math.sqrt(Math.max(0, squares / n - mean * mean));
  }

  private static double meanAbsDiff(byte[] a, byte[] b, int stride, int x, int y, int w, int h) {
    double sum = 0;
    for (int r = y; r < y + h; r++) {
      for (int c = x; c < x + w; c++) {
        sum += Math.abs((a[r * stride + c] & 0xFF) - (b[r * stride + c] & 0xFF));
      }
    }
    return sum / ((double) w * h);
  }

  // --------------------------------------------------------------------------------------------

  /** The configuration {@code clipstream run} would load from these flags. */
  private ClipstreamConfig config(
      PipelineTopics t, String bucketName, Path workDir, Role... roles) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put(
        "roles", java.util.Arrays.stream(roles).map(Role::key).collect(Collectors.joining(",")));
    flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    flags.put("schema.registry.url", registry.confluentUrl());
    flags.put("application.id", t.run());
    flags.put("state.dir", workDir.resolve("state").toAbsolutePath().toString());
    flags.put("render.work.dir", workDir.resolve("work").toAbsolutePath().toString());
    flags.put("sources.allowed.roots", data(workDir).toString());
    flags.put("storage.uri", "s3://" + bucketName + "/" + CLIP_PREFIX);
    flags.put("storage.s3.endpoint", s3.endpoint().toString());
    flags.put("storage.s3.path.style", "true");
    flags.put("storage.s3.region", s3.region());
    flags.put("storage.presign.ttl.ms", Long.toString(PRESIGN_TTL_MS));
    // As the demo: planner time follows the wall clock soon after this historical sample ends.
    flags.put("planner.idle.advance.ms", "1000");
    flags.put("planner.grace.ms", "2000");
    flags.put("planner.segment.wait.ms", "30000");
    // A planner default: every clip of cam-office masks the window on the left of its view.
    flags.put("planner.redaction.zones", "cam-office:" + OFFICE_WINDOW);
    flags.put("kafka.commit.interval.ms", "100");
    t.putInto(flags);
    return ConfigLoader.load(Optional.empty(), Map.of(), flags);
  }

  private static Path data(Path workDir) {
    return workDir.resolve("recordings").toAbsolutePath().normalize();
  }

  private void publishSample() throws Exception {
    Map<PublishKind, String> names =
        Map.of(
            PublishKind.SEGMENTS, topics.segments(),
            PublishKind.DETECTIONS, topics.detections(),
            PublishKind.EVENTS, topics.events());
    data.publish(
        kafka.bootstrapServers(),
        Map.of("schema.registry.url", registry.confluentUrl()),
        names::get);
  }

  /** The 7 clip-ready records of the sample, as first announced (waited for once). */
  private synchronized List<ConsumerRecord<String, byte[]>> sampleClips() {
    if (sampleClips == null) {
      sampleClips =
          PipelineKafka.awaitRecords(
              kafka, topics.ready(), data.eventIds().size(), CLIPS_TIMEOUT, stoppedWhy(app));
    }
    return sampleClips;
  }

  /** What a clip-ready record says is in S3, checked object by object. */
  private void checkStoredClip(S3Client client, ClipReady clip) throws Exception {
    String bucketName = URI.create(clip.getVideoUri()).getHost();
    String stem =
        CLIP_PREFIX
            + "/"
            + ClipKeys.segment(clip.getCameraId())
            + "/2024/05/24/"
            + ClipKeys.segment(clip.getEventId())
            + "/"
            + ClipKeys.segment(clip.getClipId());
    String base = "s3://" + bucketName + "/" + stem;
    assertThat(clip.getVideoUri()).isEqualTo(base + ".mp4");
    assertThat(clip.getSidecarUri()).isEqualTo(base + ".json");
    assertThat(clip.getThumbnailUri()).isEqualTo(base + ".jpg");

    byte[] video =
        client.getObjectAsBytes(r -> r.bucket(bucketName).key(stem + ".mp4")).asByteArray();
    assertThat((long) video.length)
        .as("size_bytes of %s", clip.getClipId())
        .isEqualTo(clip.getSizeBytes());
    assertThat(sha256(video)).as("sha256 of %s", clip.getClipId()).isEqualTo(clip.getSha256());

    Path mp4 = Files.createTempFile(dir.toAbsolutePath(), clip.getClipId(), ".mp4");
    try {
      Files.write(mp4, video);
      JsonNode stream = Ffprobe.videoStream(mp4);
      assertThat(stream.path("codec_name").asText()).isEqualTo("h264");
      assertThat(stream.path("width").asInt()).isEqualTo(clip.getWidth());
      assertThat(stream.path("height").asInt()).isEqualTo(clip.getHeight());
      assertThat((long) Ffprobe.frameTimes(mp4).size())
          .as("frames ffprobe decodes from %s", clip.getClipId())
          .isEqualTo(clip.getFrames());
      List<String> boxes = Ffprobe.topLevelBoxes(mp4);
      assertThat(boxes).contains("moov", "mdat");
      assertThat(boxes.indexOf("moov"))
          .as("fast start: %s", boxes)
          .isLessThan(boxes.indexOf("mdat"));
    } finally {
      Files.deleteIfExists(mp4);
    }

    URI url = URI.create(clip.getPlayableUrl());
    assertThat(url.getScheme()).isIn("http", "https");
    assertThat(clip.getPlayableUrlExpiresAt())
        .isEqualTo(clip.getCreatedAt().plusMillis(PRESIGN_TTL_MS));
    HttpResponse<byte[]> played =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(Instant.now())
        .as("fetched before it expires")
        .isBefore(clip.getPlayableUrlExpiresAt());
    assertThat(played.statusCode()).as("GET %s", url).isEqualTo(200);
    assertThat(played.body()).as("the playable URL serves the stored MP4").isEqualTo(video);

    JsonNode sidecar =
        JSON.readTree(
            client.getObjectAsBytes(r -> r.bucket(bucketName).key(stem + ".json")).asByteArray());
    assertThat(sidecar.path("clipId").asText()).isEqualTo(clip.getClipId());
    assertThat(sidecar.path("cameraId").asText()).isEqualTo(clip.getCameraId());
    assertThat(sidecar.path("video").path("sha256").asText()).isEqualTo(clip.getSha256());
    byte[] jpg =
        client.getObjectAsBytes(r -> r.bucket(bucketName).key(stem + ".jpg")).asByteArray();
    assertThat(jpg).as("a JPEG thumbnail").startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
  }

  /** Every object under the clip prefix: key to "ETag Last-Modified size". */
  private Map<String, String> objects(String bucketName) {
    try (S3Client client = s3.s3Client()) {
      return client
          .listObjectsV2Paginator(r -> r.bucket(bucketName).prefix(CLIP_PREFIX + "/"))
          .contents()
          .stream()
          .collect(
              Collectors.toMap(
                  S3Object::key,
                  o -> o.eTag() + " " + o.lastModified() + " " + o.size(),
                  (a, b) -> a,
                  TreeMap::new));
    }
  }

  private double duplicateCommandsSkipped() {
    return meters.find("clipstream.render.commands.duplicate").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertFailure(
      Map<String, ClipFailed> failed, RenderCommand command, FailureReason reason) {
    ClipFailed f = failed.get(command.getEvent().getEventId());
    assertThat(f).as("clips.failed for %s", command.getEvent().getEventId()).isNotNull();
    assertThat(f.getClipId()).isEqualTo(command.getClipId());
    assertThat(f.getReason())
        .as("reason of %s: %s", f.getEventId(), f.getMessage())
        .isEqualTo(reason);
    return assertThat(f.getMessage()).as("message of %s", f.getEventId());
  }

  /**
   * A command as the planner builds one: clip {@code <event>-clip} of event {@code eventId}, over
   * local range [fromMs, toMs) of {@code uri}, a file starting at {@code fileStart}.
   */
  private static RenderCommand.Builder command(
      String camera, String eventId, String uri, Instant fileStart, long fromMs, long toMs) {
    Instant start = fileStart.plusMillis(fromMs);
    Instant end = fileStart.plusMillis(toMs);
    String clipId = "clip-" + eventId;
    Event event =
        Event.newBuilder()
            .setEventId(eventId)
            .setCameraId(camera)
            .setTrigger("person-entered")
            .setStart(start)
            .setEnd(end)
            .setFocusTrackIds(List.of(1L))
            .build();
    return RenderCommand.newBuilder()
        .setClipId(clipId)
        .setEvent(event)
        .setCameraId(camera)
        .setWindow(new TimeRange(start, end))
        .setSources(
            List.of(
                SourceClip.newBuilder()
                    .setUri(uri)
                    .setFileStart(fileStart)
                    .setLocalFromMs(fromMs)
                    .setLocalToMs(toMs)
                    .build()))
        .setOptions(RenderOptions.newBuilder().build())
        .setOutput(
            OutputLocation.newBuilder()
                .setKey(ClipKeys.stem(camera, eventId, start, clipId))
                .build())
        .setRequestedAt(Instant.now());
  }

  private ClipReady readyOf(String topic, byte[] value) {
    return decode(ClipReady.class, topic, value);
  }

  private ClipFailed failedOf(String topic, byte[] value) {
    return decode(ClipFailed.class, topic, value);
  }

  /** Decodes with the project's registry deserializer against the real registry. */
  private <T extends SpecificRecord> T decode(Class<T> type, String topic, byte[] value) {
    try (SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type)) {
      deserializer.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
      return deserializer.deserialize(topic, value);
    }
  }

  private static java.util.function.Supplier<String> stoppedWhy(ClipstreamApp running) {
    return () -> running.failed() ? "the service stopped: " + running.states() : null;
  }

  private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static ConsumerRecord<String, byte[]> raw(String key, byte[] value) {
    return new ConsumerRecord<>("unused", 0, 0, key, value);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private String newBucket() {
    String name = "pipeline-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(name);
    return name;
  }

  private void setProperty(String key, String value) {
    savedProperties.putIfAbsent(key, Optional.ofNullable(System.getProperty(key)));
    System.setProperty(key, value);
  }
}
