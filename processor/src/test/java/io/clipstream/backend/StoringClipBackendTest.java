package io.clipstream.backend;

import static io.clipstream.backend.TestCommands.T0;
import static io.clipstream.backend.TestCommands.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.config.SourceRoots;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.Point;
import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.Zone;
import io.clipstream.media.Ffprobe;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.provenance.ClipSigner;
import io.clipstream.provenance.ClipVerifier;
import io.clipstream.provenance.ThrowAwayCertificates;
import io.clipstream.provenance.TimeStampAuthority;
import io.clipstream.provenance.Verdict;
import io.clipstream.render.DecodeMode;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.renderer.RenderOutcome;
import io.clipstream.storage.ClipKeys;
import io.clipstream.storage.LocalClipStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production backend end to end on a synthetic recording: translate, render with the real
 * engine, store in a {@link LocalClipStore}, describe the stored clip. Checked with ffprobe.
 */
class StoringClipBackendTest {

  private static final int FRAMES = 30; // 3 s at 10 fps
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final RenderOptions FAST =
      RenderOptions.newBuilder().setPreset("ultrafast").build();

  @TempDir Path dir;

  private Path nvr;
  private Path source;
  private Path work;
  private StoringClipBackend backend;

  @BeforeEach
  void setUp() throws Exception {
    nvr = Files.createDirectories(dir.resolve("nvr"));
    source =
        SyntheticVideo.builder()
            .size(320, 240)
            .fps(10, 1)
            .frames(FRAMES)
            .gop(10)
            .writeTo(nvr.resolve("cam-1.mp4"));
    work = dir.resolve("work");
    backend =
        StoringClipBackend.create(
            new BackendSettings(work, RenderSettings.defaults(), 4, DecodeMode.auto()),
            new SourceRoots(List.of(nvr), List.of(), List.of()),
            SourceLocator.localAndHttp(),
            new LocalClipStore(dir.resolve("store")),
            Optional.empty(),
            "test-1");
  }

  @AfterEach
  void tearDown() {
    backend.close();
  }

  private RenderCommand clip(String clipId, String eventId, long fromMs, long toMs) {
    return command(clipId, eventId, source.toUri().toString(), fromMs, toMs)
        .setOptions(FAST)
        .build();
  }

  private ClipReady renderOne(RenderCommand c) {
    List<RenderOutcome> outcomes = backend.execute(List.of(c));
    assertThat(outcomes).hasSize(1);
    RenderOutcome o = outcomes.get(0);
    assertThat(o.failed()).as("failure: %s", o.failed().map(ClipFailed::getMessage)).isEmpty();
    assertThat(o.clipId()).isEqualTo(c.getClipId());
    return o.ready().orElseThrow();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static double rate(String fraction) {
    String[] p = fraction.split("/");
    return Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
  }

  @Test
  void shouldStoreTheRenderedClipAndDescribeItAsFfprobeSeesIt() throws Exception {
    RenderCommand c = clip("clip-1", "ev-1", 500, 2_500); // frames 5..24

    ClipReady ready = renderOne(c);

    Path video = Path.of(URI.create(ready.getVideoUri()));
    assertThat(video).isRegularFile();
    assertThat(video.toString())
        .endsWith(ClipKeys.stem("cam-1", "ev-1", T0.plusMillis(500), "clip-1") + ".mp4");
    assertThat(video).startsWith(dir.resolve("store"));
    assertThat(Path.of(URI.create(ready.getSidecarUri()))).isRegularFile();
    assertThat(ready.getSizeBytes()).isEqualTo(Files.size(video));
    assertThat(ready.getSha256()).isEqualTo(sha256(video));

    JsonNode probe = Ffprobe.videoStream(video);
    assertThat(ready.getFrames()).isEqualTo(20).isEqualTo(probe.path("nb_frames").asLong());
    assertThat(ready.getWidth()).isEqualTo(probe.path("width").asInt());
    assertThat(ready.getHeight()).isEqualTo(probe.path("height").asInt());
    assertThat(ready.getFps()).isCloseTo(rate(probe.path("avg_frame_rate").asText()), within(0.01));
    assertThat(Ffprobe.frameTimes(video)).hasSize(20);

    assertThat(ready.getRequestedWindow()).isEqualTo(c.getWindow());
    assertThat(ready.getActualWindow().getStart()).isAfterOrEqualTo(c.getWindow().getStart());
    assertThat(ready.getActualWindow().getEnd()).isBeforeOrEqualTo(c.getWindow().getEnd());
    assertThat(ready.getActualWindow().getStart()).isBefore(ready.getActualWindow().getEnd());
    assertThat(ready.getClipId()).isEqualTo("clip-1");
    assertThat(ready.getEventId()).isEqualTo("ev-1");
    assertThat(ready.getCameraId()).isEqualTo("cam-1");
    assertThat(ready.getTrigger()).isEqualTo("intrusion");
    assertThat(ready.getProducerVersion()).isEqualTo("test-1");
    assertThat(ready.getHasGaps()).isFalse();
    assertThat(ready.getOptionalThumbnailUri())
        .hasValueSatisfying(uri -> assertThat(Path.of(URI.create(uri))).isRegularFile());
    assertThat(work.resolve("clip-1")).as("scratch output cleaned up").doesNotExist();
  }

  @Test
  void shouldKeepTheStoredClipWhenTheSameClipIsRenderedAgainWithoutForce() throws Exception {
    ClipReady first = renderOne(clip("clip-1", "ev-1", 500, 2_500));
    Path video = Path.of(URI.create(first.getVideoUri()));

    // Same clip id and key, options that would encode different bytes: the stored copy stays.
    RenderOptions other = RenderOptions.newBuilder(FAST).setCrf(45).setOverlays(false).build();
    RenderCommand again =
        RenderCommand.newBuilder(clip("clip-1", "ev-1", 500, 2_500)).setOptions(other).build();
    ClipReady second = renderOne(again);

    assertThat(second.getVideoUri()).isEqualTo(first.getVideoUri());
    assertThat(second.getSha256()).isEqualTo(first.getSha256()).isEqualTo(sha256(video));
    assertThat(second.getSizeBytes()).isEqualTo(first.getSizeBytes());

    ClipReady forced = renderOne(RenderCommand.newBuilder(again).setForce(true).build());
    assertThat(forced.getSha256())
        .as("force replaces the stored clip")
        .isNotEqualTo(first.getSha256())
        .isEqualTo(sha256(video));
  }

  @Test
  void shouldAnswerAMissingSourceFileWithASourceUnreadableFailure() {
    Path missing = nvr.resolve("gone.mp4");
    RenderCommand c =
        command("clip-1", "ev-1", missing.toUri().toString(), 0, 1_000).setOptions(FAST).build();

    List<RenderOutcome> outcomes = backend.execute(List.of(c));

    assertThat(outcomes).hasSize(1);
    ClipFailed failed = outcomes.get(0).failed().orElseThrow();
    assertThat(failed.getReason()).isEqualTo(FailureReason.SOURCE_UNREADABLE);
    assertThat(failed.getMessage()).contains("gone.mp4");
    assertThat(failed.getRetryable()).isFalse();
    assertThat(failed.getStage()).isEqualTo("renderer");
    assertThat(failed.getEventId()).isEqualTo("ev-1");
    assertThat(dir.resolve("store").resolve("cam-1")).as("nothing stored").doesNotExist();
  }

  @Test
  void shouldDecodeASourceSharedByTwoCommandsOfABatchOnce() throws Exception {
    RenderCommand early = clip("clip-a", "ev-a", 0, 1_500);
    RenderCommand late = clip("clip-b", "ev-b", 1_000, 3_000);

    List<RenderOutcome> outcomes = backend.execute(List.of(early, late));

    assertThat(outcomes).extracting(RenderOutcome::clipId).containsExactly("clip-a", "clip-b");
    ClipReady a = outcomes.get(0).ready().orElseThrow();
    ClipReady b = outcomes.get(1).ready().orElseThrow();
    assertThat(a.getFrames()).isEqualTo(15);
    assertThat(b.getFrames()).isEqualTo(20);
    assertThat(backend.decoderCache().misses()).as("the file is opened once").isEqualTo(1);
    assertThat(backend.decoderCache().decodedFrames())
        .as("every frame decoded once for both clips")
        .isEqualTo(FRAMES);
  }

  @Test
  void shouldFailOnlyTheRefusedCommandOfABatch() {
    RenderCommand good = clip("clip-a", "ev-a", 0, 1_000);
    RenderCommand outside =
        command("clip-b", "ev-b", dir.resolve("elsewhere.mp4").toUri().toString(), 0, 1_000)
            .build();

    List<RenderOutcome> outcomes = backend.execute(List.of(outside, good));

    assertThat(outcomes.get(0).failed())
        .hasValueSatisfying(
            f -> {
              assertThat(f.getReason()).isEqualTo(FailureReason.SOURCE_NOT_ALLOWED);
              assertThat(f.getMessage()).contains("elsewhere.mp4", "sources.allowed.roots");
              assertThat(f.getRetryable()).isFalse();
            });
    assertThat(outcomes.get(1).ready()).isPresent();
  }

  @Test
  void shouldNameTheStoredVideoAndThumbnailFilesInTheSidecar() throws Exception {
    ClipReady ready = renderOne(clip("clip-7f3a", "ev-1", 500, 2_500));

    Path video = Path.of(URI.create(ready.getVideoUri()));
    Path thumbnail = Path.of(URI.create(ready.getOptionalThumbnailUri().orElseThrow()));
    JsonNode sidecar = JSON.readTree(Path.of(URI.create(ready.getSidecarUri())).toFile());
    assertThat(video.getFileName()).hasToString("clip-7f3a.mp4");
    assertThat(sidecar.path("video").path("file").asText())
        .isEqualTo(video.getFileName().toString());
    assertThat(sidecar.path("thumbnail").path("file").asText())
        .isEqualTo(thumbnail.getFileName().toString());
    assertThat(video.resolveSibling(sidecar.path("video").path("file").asText())).isRegularFile();
  }

  @Test
  void shouldNameAnHttpSourceWithoutItsPasswordOrQueryTokenWhenItCannotBeRead() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String secretUri =
        "http://viewer:pa55word-xyz@127.0.0.1:" + closedPort + "/nvr/cam-1.mp4?token=tok-secret-42";
    try (StoringClipBackend http =
        StoringClipBackend.create(
            new BackendSettings(work, RenderSettings.defaults(), 0, DecodeMode.auto()),
            new SourceRoots(
                List.of(), List.of(), List.of(URI.create("http://127.0.0.1:" + closedPort))),
            SourceLocator.localAndHttp(),
            new LocalClipStore(dir.resolve("store")),
            Optional.empty(),
            "test-1")) {
      RenderCommand unreadable = command("clip-h", "ev-h", secretUri, 0, 1_000).build();
      RenderCommand refused =
          command("clip-r", "ev-r", secretUri.replace("127.0.0.1", "localhost"), 0, 1_000).build();

      List<RenderOutcome> outcomes = http.execute(List.of(unreadable, refused));

      ClipFailed failed = outcomes.get(0).failed().orElseThrow();
      assertThat(failed.getReason()).isEqualTo(FailureReason.SOURCE_UNREADABLE);
      assertThat(failed.getMessage())
          .contains("http://***@127.0.0.1:" + closedPort + "/nvr/cam-1.mp4")
          .doesNotContain("pa55word-xyz", "tok-secret-42", "viewer");
      ClipFailed notAllowed = outcomes.get(1).failed().orElseThrow();
      assertThat(notAllowed.getReason()).isEqualTo(FailureReason.SOURCE_NOT_ALLOWED);
      assertThat(notAllowed.getMessage())
          .contains("localhost")
          .doesNotContain("pa55word-xyz", "tok-secret-42", "viewer");
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void shouldSignTheClipBeforeStoringItAndSayWhoSignedIt() throws Exception {
    ThrowAwayCertificates certs = ThrowAwayCertificates.es256("Backend");
    backend.signingWith(Optional.of(new ClipSigner(certs.identity())));

    ClipReady ready = renderOne(clip("clip-s", "ev-s", 500, 2_500));

    Path video = Path.of(URI.create(ready.getVideoUri()));
    Path sidecar = Path.of(URI.create(ready.getSidecarUri()));
    assertThat(ready.getSigned()).isTrue();
    assertThat(ready.getSignerSubject()).contains("CN=Backend clip signer");
    assertThat(ready.getSignerFingerprint()).isEqualTo(certs.identity().fingerprint());
    assertThat(ready.getSha256()).isEqualTo(sha256(video));
    JsonNode provenance = new ObjectMapper().readTree(sidecar.toFile()).path("provenance");
    assertThat(provenance.path("signed").asBoolean()).isTrue();
    assertThat(provenance.path("signer_fingerprint_sha256").asText())
        .isEqualTo(ready.getSignerFingerprint());
    assertThat(provenance.path("thumbnail_signed").asBoolean()).isTrue();
    assertThat(provenance.path("time_stamp").asText())
        .isEqualTo("none: no time-stamp authority is configured");
    Verdict verdict = new ClipVerifier(List.of(certs.ca)).verify(video, Optional.of(sidecar));
    assertThat(verdict.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue());
    assertThat(Ffprobe.frameTimes(video)).hasSize(20);
    Path thumbnail = Path.of(URI.create(ready.getOptionalThumbnailUri().orElseThrow()));
    Verdict thumbnailVerdict =
        new ClipVerifier(List.of(certs.ca)).verify(thumbnail, Optional.of(sidecar));
    assertThat(thumbnailVerdict.checks())
        .allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue());
  }

  @Test
  void shouldFailTheClipAndStoreNothingWhenARequiredTimeStampCannotBeHad() throws Exception {
    ThrowAwayCertificates certs = ThrowAwayCertificates.es256("Backend");
    backend.signingWith(
        Optional.of(new ClipSigner(certs.identity(), Optional.of(unreachableTsa()), true)));

    List<RenderOutcome> outcomes = backend.execute(List.of(clip("clip-t", "ev-t", 500, 2_500)));

    ClipFailed failed = outcomes.get(0).failed().orElseThrow();
    assertThat(outcomes.get(0).ready()).as("never announced").isEmpty();
    assertThat(failed.getReason()).isEqualTo(FailureReason.RENDER_ERROR);
    assertThat(failed.getMessage())
        .contains("signing the clip's Content Credentials failed")
        .contains("time-stamp authority http://127.0.0.1:")
        .contains("could not be reached")
        .contains("provenance.tsa.url");
    assertThat(dir.resolve("store").resolve("cam-1")).as("nothing stored").doesNotExist();
  }

  @Test
  void shouldSignWithoutATimeStampAndSaySoWhenTheTimeStampIsOptional() throws Exception {
    ThrowAwayCertificates certs = ThrowAwayCertificates.es256("Backend");
    backend.signingWith(
        Optional.of(new ClipSigner(certs.identity(), Optional.of(unreachableTsa()), false)));

    ClipReady ready = renderOne(clip("clip-o", "ev-o", 500, 2_500));

    assertThat(ready.getSigned()).isTrue();
    Path video = Path.of(URI.create(ready.getVideoUri()));
    Path sidecar = Path.of(URI.create(ready.getSidecarUri()));
    Path thumbnail = Path.of(URI.create(ready.getOptionalThumbnailUri().orElseThrow()));
    assertThat(
            new ObjectMapper()
                .readTree(sidecar.toFile())
                .path("provenance")
                .path("time_stamp")
                .asText())
        .startsWith("none: the time-stamp authority gave no token")
        .contains("could not be reached");
    for (Path signed : List.of(video, thumbnail)) {
      Verdict verdict = new ClipVerifier(List.of(certs.ca)).verify(signed, Optional.of(sidecar));
      assertThat(verdict.checks())
          .allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue())
          .noneSatisfy(c -> assertThat(c.name()).isEqualTo("time-stamp"));
    }
  }

  /** A time-stamp authority at a local port nothing listens on. */
  private static TimeStampAuthority unreachableTsa() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return new TimeStampAuthority(
        URI.create("http://127.0.0.1:" + port + "/tsa"), java.time.Duration.ofSeconds(2));
  }

  @Test
  void shouldStoreAndAnnounceTheRedactedClipAndItsSignedUnredactedOriginalUnderTwoKeys()
      throws Exception {
    ThrowAwayCertificates certs = ThrowAwayCertificates.es256("Backend");
    backend.signingWith(Optional.of(new ClipSigner(certs.identity())));
    Zone corner =
        Zone.newBuilder()
            .setName("neighbour")
            .setPoints(
                List.of(
                    new Point(0f, 0f), new Point(96f, 0f), new Point(96f, 64f), new Point(0f, 64f)))
            .build();
    RenderCommand c =
        command("clip-r", "ev-r", source.toUri().toString(), 500, 2_500)
            .setOptions(
                RenderOptions.newBuilder(FAST)
                    .setRedaction(
                        Redaction.newBuilder()
                            .setPrivacyZones(List.of(corner))
                            .setMethod("fill")
                            .setKeepOriginal(true)
                            .build())
                    .build())
            .build();

    ClipReady ready = renderOne(c);

    String stem = ClipKeys.stem("cam-1", "ev-r", T0.plusMillis(500), "clip-r");
    Path store = dir.resolve("store");
    Path video = Path.of(URI.create(ready.getVideoUri()));
    Path original = Path.of(URI.create(ready.getOriginalVideoUri()));
    assertThat(ready.getRedacted()).isTrue();
    assertThat(video).isEqualTo(store.resolve(stem + ".mp4"));
    assertThat(original).isEqualTo(store.resolve("original/" + stem + ".mp4"));
    assertThat(Path.of(URI.create(ready.getOriginalSidecarUri())))
        .isEqualTo(store.resolve("original/" + stem + ".json"));
    assertThat(Path.of(URI.create(ready.getOriginalThumbnailUri())))
        .isEqualTo(store.resolve("original/" + stem + ".jpg"));
    assertThat(ready.getOriginalSha256())
        .isEqualTo(sha256(original))
        .isNotEqualTo(ready.getSha256());
    assertThat(ready.getOriginalSizeBytes()).isEqualTo(Files.size(original));
    assertThat(ready.getSha256()).isEqualTo(sha256(video));

    JsonNode redactedSidecar = JSON.readTree(Path.of(URI.create(ready.getSidecarUri())).toFile());
    JsonNode originalSidecar =
        JSON.readTree(Path.of(URI.create(ready.getOriginalSidecarUri())).toFile());
    assertThat(redactedSidecar.path("redacted").asBoolean()).isTrue();
    assertThat(redactedSidecar.path("frames")).hasSize(20);
    assertThat(redactedSidecar.path("frames"))
        .allSatisfy(
            f ->
                assertThat(f.path("redactions").get(0).path("zone").asText())
                    .isEqualTo("neighbour"));
    assertThat(originalSidecar.path("redacted").asBoolean()).isFalse();
    assertThat(originalSidecar.path("frames").get(0).path("redactions").size()).isZero();

    ClipVerifier verifier = new ClipVerifier(List.of(certs.ca));
    for (Path[] clip :
        new Path[][] {
          {video, Path.of(URI.create(ready.getSidecarUri()))},
          {original, Path.of(URI.create(ready.getOriginalSidecarUri()))}
        }) {
      Verdict verdict = verifier.verify(clip[0], Optional.of(clip[1]));
      assertThat(verdict.checks())
          .as("C2PA of %s", clip[0].getFileName())
          .allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
    }

    ClipReady again = renderOne(c);
    assertThat(again.getOriginalSha256())
        .as("a replay keeps the stored original")
        .isEqualTo(ready.getOriginalSha256());
    assertThat(again.getSha256()).isEqualTo(ready.getSha256());
  }

  @Test
  void shouldSayAnUnsignedClipIsNotSigned() {
    ClipReady ready = renderOne(clip("clip-u", "ev-u", 500, 2_500));

    assertThat(ready.getSigned()).isFalse();
    assertThat(ready.getSignerSubject()).isNull();
  }
}
