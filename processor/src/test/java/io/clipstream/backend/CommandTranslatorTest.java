package io.clipstream.backend;

import static io.clipstream.backend.TestCommands.T0;
import static io.clipstream.backend.TestCommands.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clipstream.config.SourceRoots;
import io.clipstream.contracts.BoundingBox;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DurationStrategy;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.FrameDetections;
import io.clipstream.contracts.OutputLocation;
import io.clipstream.contracts.Point;
import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.SourceClip;
import io.clipstream.contracts.Zone;
import io.clipstream.media.VideoCodec;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.detections.SourceDetection;
import io.clipstream.render.overlay.OverlayZone;
import io.clipstream.render.overlay.redact.RedactedLabels;
import io.clipstream.render.overlay.redact.RedactionMethod;
import io.clipstream.render.overlay.redact.RedactionPolicy;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import io.clipstream.storage.ClipKeys;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a render command is checked and turned into a render request (no rendering). */
class CommandTranslatorTest {

  private static final Path WORK = Path.of("/tmp/clipstream-work");
  private static final URI STORE = URI.create("file:///srv/clips/");
  private static final String SOURCE = "file:///nvr/cam-1/a.mp4";

  private final SourceRoots roots =
      new SourceRoots(
          List.of(Path.of("/nvr")), List.of(URI.create("s3://footage/cam-1/")), List.of());
  private final CommandTranslator translator =
      new CommandTranslator(
          roots, SourceLocator.localAndHttp(), RenderSettings.defaults(), WORK, STORE);

  private static RenderCommand.Builder valid() {
    return command("clip-1", "ev-1", SOURCE, 1_000, 3_000);
  }

  private CommandRejectedException rejected(CommandTranslator t, RenderCommand c) {
    CommandRejectedException e =
        catchThrowableOfType(CommandRejectedException.class, () -> t.prepare(c));
    assertThat(e).as("expected the command to be rejected").isNotNull();
    return e;
  }

  private CommandRejectedException rejected(RenderCommand c) {
    return rejected(translator, c);
  }

  private static RenderCommand withSource(RenderCommand.Builder b, String uri) {
    SourceClip s = SourceClip.newBuilder(b.getSources().get(0)).setUri(uri).build();
    return b.setSources(List.of(s)).build();
  }

  private static RenderCommand withOptions(RenderOptions options) {
    return valid().setOptions(options).build();
  }

  @Test
  void shouldTranslateAValidCommandIntoARequestUnderTheWorkDirAndTheCheckedKey() {
    RenderCommand c = valid().build();
    PreparedClip p = translator.prepare(c);
    ClipRequest r = p.request();
    assertThat(p.command()).isSameAs(c);
    assertThat(p.keyStem()).isEqualTo(c.getOutput().getKey());
    assertThat(r.clipId()).isEqualTo("clip-1");
    assertThat(r.cameraId()).isEqualTo("cam-1");
    assertThat(r.outputDir()).isEqualTo(WORK.resolve("clip-1"));
    assertThat(r.sources()).hasSize(1);
    SourceSlice s = r.sources().get(0);
    assertThat(s.uri()).isEqualTo("/nvr/cam-1/a.mp4");
    assertThat(s.fromMicros()).isEqualTo(1_000_000);
    assertThat(s.toMicros()).isEqualTo(3_000_000);
    assertThat(s.wallClockAtZero()).isEqualTo(T0);
    assertThat(r.event().start()).isEqualTo(T0.plusSeconds(1));
    assertThat(r.event().end()).isEqualTo(T0.plusSeconds(3));
    assertThat(r.focusTracks()).containsExactly(7L);
  }

  @Test
  void shouldRejectASourceOutsideTheAllowedRootsNamingTheSourceAndTheConfigKey() {
    CommandRejectedException e = rejected(withSource(valid(), "file:///etc/passwd"));
    assertThat(e.reason()).isEqualTo(FailureReason.SOURCE_NOT_ALLOWED);
    assertThat(e.getMessage()).contains("file:///etc/passwd", "sources.allowed.roots");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///nvr/../etc/shadow",
        "/nvr/cam-1/../../etc/shadow",
        "/nvrx/cam-1/a.mp4",
        "relative/a.mp4",
        "http://camera.local/a.mp4",
        "s3://other-bucket/cam-1/a.mp4",
        "s3://footage/cam-2/a.mp4",
        "ftp://nvr/a.mp4"
      })
  void shouldRefuseSourcesThatEscapeOrMissTheAllowedRoots(String uri) {
    CommandRejectedException e = rejected(withSource(valid(), uri));
    assertThat(e.reason()).isEqualTo(FailureReason.SOURCE_NOT_ALLOWED);
    assertThat(e.getMessage()).contains(uri, "sources.allowed.roots");
  }

  @Test
  void shouldAcceptAPlainAbsolutePathUnderAnAllowedRoot() {
    ClipRequest r = translator.prepare(withSource(valid(), "/nvr/cam-1/a.mp4")).request();
    assertThat(r.sources().get(0).uri()).isEqualTo("/nvr/cam-1/a.mp4");
  }

  // SourceRoots.refusal checks the normalized path, but SourceLocator.locate hands FFmpeg the path
  // as written: the OS resolves "x/.." after following a symbolic link x, so /nvr/x/../a.mp4 with
  // /nvr/x -> /other/dir opens /other/a.mp4 although /nvr/a.mp4 was the path allowed.
  @ParameterizedTest
  @ValueSource(strings = {"/nvr/x/../cam-1/a.mp4", "file:///nvr/x/../cam-1/a.mp4"})
  void shouldOpenExactlyThePathTheAllowlistChecked(String uri) {
    ClipRequest r = translator.prepare(withSource(valid(), uri)).request();
    assertThat(r.sources().get(0).uri()).isEqualTo("/nvr/cam-1/a.mp4");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../escape/clip",
        "cam-1/../../etc/clip",
        "/abs/cam-1/clip",
        "cam-1/.hidden/clip",
        "cam-1//clip",
        "cam-1/clip/",
        "cam-1/cl ip",
        "cam-1\\..\\clip",
        ""
      })
  void shouldRejectAnUnsafeOutputKeyAsAnInvalidCommand(String key) {
    RenderCommand c = valid().setOutput(OutputLocation.newBuilder().setKey(key).build()).build();
    CommandRejectedException e = rejected(c);
    assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND);
    assertThat(e.getMessage()).startsWith("output.key: ").contains("Unsafe storage key stem");
  }

  @Test
  void shouldRejectAStorageUriOtherThanTheStoreRoot() {
    RenderCommand c =
        valid()
            .setOutput(
                OutputLocation.newBuilder()
                    .setStorageUri("s3://elsewhere/clips/")
                    .setKey(ClipKeys.stem("cam-1", "ev-1", T0, "clip-1"))
                    .build())
            .build();
    CommandRejectedException e = rejected(c);
    assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND);
    assertThat(e.getMessage()).contains("s3://elsewhere/clips/", STORE.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///srv/clips/", "file:///srv/clips"})
  void shouldAcceptTheStoreRootAsStorageUriWithOrWithoutTrailingSlash(String root) {
    assertThat(translator.prepare(withStorageUri(root)).keyStem())
        .isEqualTo(valid().getOutput().getKey());
  }

  // URI.normalize() turns file:///srv/./clips/ into file:/srv/clips/ (it drops the empty
  // authority), and File.toURI() spells file:/srv/clips/, while the store root is
  // file:///srv/clips/: CommandTranslator.sameRoot compares the strings and refuses them.
  @ParameterizedTest
  @ValueSource(strings = {"file:/srv/clips/", "file:///srv/./clips/", "file:///srv/x/../clips"})
  void shouldAcceptEquivalentSpellingsOfALocalStoreRoot(String root) {
    assertThat(translator.prepare(withStorageUri(root)).keyStem())
        .isEqualTo(valid().getOutput().getKey());
  }

  private static RenderCommand withStorageUri(String uri) {
    return valid()
        .setOutput(OutputLocation.newBuilder(valid().getOutput()).setStorageUri(uri).build())
        .build();
  }

  @Test
  void shouldKeepTheServiceDefaultsForOptionsTheCommandLeavesUnset() {
    RenderSettings defaults =
        RenderSettings.builder().overlays(false).holdMicros(123_000).thumbnail(false).build();
    CommandTranslator t =
        new CommandTranslator(roots, SourceLocator.localAndHttp(), defaults, WORK, STORE);
    assertThat(t.prepare(valid().build()).request().settings()).isEqualTo(defaults);
  }

  @Test
  void shouldApplyTheCommandsOptionsOverTheDefaults() {
    Zone zone =
        Zone.newBuilder()
            .setName("door")
            .setPoints(List.of(new Point(1f, 2f), new Point(30f, 2f), new Point(30f, 40f)))
            .setClosed(true)
            .setColor("#00ff80")
            .build();
    Zone line =
        Zone.newBuilder()
            .setName("tripwire")
            .setPoints(List.of(new Point(0f, 10f), new Point(100f, 10f)))
            .setClosed(false)
            .setColor("green")
            .build();
    RenderOptions o =
        RenderOptions.newBuilder()
            .setCrf(30)
            .setPreset("FAST")
            .setVideoEncoder("libx264")
            .setOverlays(false)
            .setHoldMs(1_500L)
            .setInterpolate(false)
            .setDurationStrategy(DurationStrategy.STRIDE)
            .setMaxDurationMs(20_000L)
            .setFrameStride(3)
            .setPlaybackSpeed(2.5)
            .setThumbnail(false)
            .setZones(List.of(zone, line))
            .build();

    RenderSettings s = translator.prepare(withOptions(o)).request().settings();

    assertThat(s.encoder().crf()).isEqualTo(30);
    assertThat(s.encoder().preset()).isEqualTo("fast");
    assertThat(s.encoder().codec()).isEqualTo(VideoCodec.X264);
    assertThat(s.encoder().maxKeyframeIntervalSeconds())
        .isEqualTo(RenderSettings.defaults().encoder().maxKeyframeIntervalSeconds());
    assertThat(s.overlays()).isFalse();
    assertThat(s.holdMicros()).isEqualTo(1_500_000);
    assertThat(s.interpolate()).isFalse();
    assertThat(s.strategy()).isEqualTo(io.clipstream.render.request.DurationStrategy.STRIDE);
    assertThat(s.maxDurationMicros()).isEqualTo(20_000_000);
    assertThat(s.stride()).isEqualTo(3);
    assertThat(s.speed()).isEqualTo(2.5);
    assertThat(s.thumbnail()).isFalse();
    assertThat(s.zones()).hasSize(2);
    OverlayZone door = s.zones().get(0);
    assertThat(door.name()).isEqualTo("door");
    assertThat(door.closed()).isTrue();
    assertThat(door.color()).isEqualTo(OptionalInt.of(0x00FF80));
    assertThat(door.points()).hasSize(3);
    assertThat(door.points().get(2)).containsExactly(30f, 40f);
    OverlayZone wire = s.zones().get(1);
    assertThat(wire.closed()).isFalse();
    assertThat(wire.color()).as("not #RRGGBB: default colour").isEmpty();
    // Untouched by the options:
    assertThat(s.resolutionPolicy()).isEqualTo(RenderSettings.defaults().resolutionPolicy());
    assertThat(s.maxInterpolationGapMicros())
        .isEqualTo(RenderSettings.defaults().maxInterpolationGapMicros());
  }

  @Test
  void shouldMapEveryDurationStrategyOfTheContract() {
    for (DurationStrategy strategy : DurationStrategy.values()) {
      RenderOptions o = RenderOptions.newBuilder().setDurationStrategy(strategy).build();
      assertThat(translator.prepare(withOptions(o)).request().settings().strategy().name())
          .isEqualTo(strategy.name());
    }
  }

  @Test
  void shouldRejectOptionsTheEncoderCannotUseAsInvalidCommands() {
    assertThat(rejected(withOptions(RenderOptions.newBuilder().setVideoEncoder("h265").build())))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND))
        .hasMessageContaining("h265");
    assertThat(rejected(withOptions(RenderOptions.newBuilder().setCrf(99).build())))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND))
        .hasMessageContaining("99");
    assertThat(rejected(withOptions(RenderOptions.newBuilder().setPreset("turbo").build())))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND))
        .hasMessageContaining("turbo");
    assertThat(rejected(withOptions(RenderOptions.newBuilder().setFrameStride(0).build())))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND))
        .hasMessageContaining("Stride");
  }

  private static Zone zone(String name, boolean closed, float... xy) {
    List<Point> points = new java.util.ArrayList<>();
    for (int i = 0; i < xy.length; i += 2) {
      points.add(new Point(xy[i], xy[i + 1]));
    }
    return Zone.newBuilder().setName(name).setPoints(points).setClosed(closed).build();
  }

  private static RenderCommand withRedaction(Redaction r) {
    return withOptions(RenderOptions.newBuilder().setRedaction(r).build());
  }

  @Test
  void shouldTurnTheCommandsRedactionIntoTheEnginesPolicy() {
    Redaction r =
        Redaction.newBuilder()
            .setLabels(List.of("Person", "license_plate"))
            .setAllButFocus(true)
            .setTracks(List.of(7L))
            .setPrivacyZones(List.of(zone("window", true, 10, 10, 200, 10, 200, 150)))
            .setMethod("blur")
            .setBlockFraction(0.5)
            .setMargin(0.2)
            .setLabelMode("HIDE")
            .setKeepOriginal(true)
            .build();
    RedactionPolicy p = translator.prepare(withRedaction(r)).request().settings().redaction();
    assertThat(p.labels()).containsExactlyInAnyOrder("person", "license_plate");
    assertThat(p.allButFocus()).isTrue();
    assertThat(p.tracks()).containsExactly(7L);
    assertThat(p.zones()).hasSize(1);
    assertThat(p.zones().get(0).name()).isEqualTo("window");
    assertThat(p.zones().get(0).points().get(2)).containsExactly(200f, 150f);
    assertThat(p.method()).isEqualTo(RedactionMethod.BLUR);
    assertThat(p.blockFraction()).isEqualTo(0.5);
    assertThat(p.margin()).isEqualTo(0.2);
    assertThat(p.labelMode()).isEqualTo(RedactedLabels.HIDE);
    assertThat(p.keepOriginal()).isTrue();
    assertThat(p.active()).isTrue();
  }

  @Test
  void shouldTakeTheEnginesRedactionDefaultsForFieldsTheCommandLeavesOut() {
    RedactionPolicy p =
        translator
            .prepare(withRedaction(Redaction.newBuilder().setLabels(List.of("face")).build()))
            .request()
            .settings()
            .redaction();
    assertThat(p)
        .isEqualTo(RedactionPolicy.NONE.withLabels(Set.of("face")))
        .satisfies(q -> assertThat(q.method()).isEqualTo(RedactionMethod.PIXELATE));
    assertThat(translator.prepare(valid().build()).request().settings().redaction())
        .as("no redaction asked: nothing masked")
        .isEqualTo(RedactionPolicy.NONE);
  }

  @Test
  void shouldRejectABadRedactionAsAnInvalidCommandNamingTheField() {
    assertThat(rejected(withRedaction(Redaction.newBuilder().setMethod("smear").build())))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND))
        .hasMessageContaining("options.redaction.method")
        .hasMessageContaining("'smear'")
        .hasMessageContaining("fill, pixelate or blur");
    assertThat(
            rejected(
                withRedaction(
                    Redaction.newBuilder()
                        .setPrivacyZones(
                            List.of(
                                zone("ok", true, 0, 0, 10, 0, 10, 10),
                                zone("sliver", true, 0, 0, 10, 10)))
                        .build())))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND))
        .hasMessageContaining("options.redaction.privacy_zones[1]")
        .hasMessageContaining("'sliver' needs at least three points");
    assertThat(
            rejected(
                withRedaction(
                    Redaction.newBuilder()
                        .setPrivacyZones(List.of(zone("fence", false, 0, 0, 10, 0, 10, 10)))
                        .build())))
        .hasMessageContaining("options.redaction.privacy_zones[0] 'fence' is an open line");
    assertThat(
            rejected(
                withRedaction(
                    Redaction.newBuilder()
                        .setPrivacyZones(List.of(zone("nan", true, 0, 0, Float.NaN, 0, 10, 10)))
                        .build())))
        .hasMessageContaining("not a finite x,y pair");
    assertThat(rejected(withRedaction(Redaction.newBuilder().setBlockFraction(0.01).build())))
        .hasMessageContaining("options.redaction.block_fraction")
        .hasMessageContaining("0.01");
    assertThat(rejected(withRedaction(Redaction.newBuilder().setMargin(-1.0).build())))
        .hasMessageContaining("options.redaction.margin");
    assertThat(rejected(withRedaction(Redaction.newBuilder().setLabelMode("blank").build())))
        .hasMessageContaining("options.redaction.label_mode")
        .hasMessageContaining("tag");
    assertThat(rejected(withRedaction(Redaction.newBuilder().setLabels(List.of(" ")).build())))
        .hasMessageContaining("options.redaction.labels");
  }

  @Test
  void shouldRejectAnOutputKeyInTheOriginalsPrefix() {
    RenderCommand c =
        valid().setOutput(OutputLocation.newBuilder().setKey("original/cam-1/x").build()).build();
    assertThat(rejected(c))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND))
        .hasMessageContaining("output.key 'original/cam-1/x' starts with original/");
  }

  @Test
  void shouldMapDetectionsToLocalMicrosecondsWithTheirBoxesTracksAndColours() {
    Detection tracked =
        Detection.newBuilder()
            .setBox(new BoundingBox(10f, 20f, 110f, 220f))
            .setLabel("person")
            .setScore(0.9f)
            .setTrackId(7L)
            .setColor("#FF0000")
            .build();
    Detection untracked =
        Detection.newBuilder()
            .setBox(new BoundingBox(1f, 2f, 3f, 4f))
            .setLabel("car")
            .setScore(0.5f)
            .build();
    RenderCommand.Builder b = valid();
    SourceClip source =
        SourceClip.newBuilder(b.getSources().get(0))
            .setDetections(
                List.of(
                    FrameDetections.newBuilder()
                        .setLocalTimeMs(1_500)
                        .setCaptureTime(T0.plusMillis(1_500))
                        .setDetections(List.of(tracked, untracked))
                        .build(),
                    FrameDetections.newBuilder()
                        .setLocalTimeMs(2_040)
                        .setCaptureTime(T0.plusMillis(2_040))
                        .setDetections(List.of())
                        .build()))
            .build();

    SourceSlice s =
        translator.prepare(b.setSources(List.of(source)).build()).request().sources().get(0);

    assertThat(s.detections())
        .extracting(DetectionSample::ptsMicros)
        .containsExactly(1_500_000L, 2_040_000L);
    assertThat(s.detections().get(1).detections()).as("an empty frame stays meaningful").isEmpty();
    List<SourceDetection> boxes = s.detections().get(0).detections();
    assertThat(boxes)
        .containsExactly(
            new SourceDetection(
                10f, 20f, 110f, 220f, "person", OptionalLong.of(7), 0.9f, OptionalInt.of(0xFF0000)),
            new SourceDetection(
                1f, 2f, 3f, 4f, "car", OptionalLong.empty(), 0.5f, OptionalInt.empty()));
  }

  @Test
  void shouldRefuseAnS3SourceWhenTheRendererHasNoS3Access() {
    CommandRejectedException e = rejected(withSource(valid(), "s3://footage/cam-1/a.mp4"));
    assertThat(e.reason()).isEqualTo(FailureReason.SOURCE_NOT_ALLOWED);
    assertThat(e.getMessage())
        .contains("s3://footage/cam-1/a.mp4", "no S3 access configured", "storage.s3");
  }

  @Test
  void shouldOpenAnAllowedS3SourceThroughThePresigner() {
    CommandTranslator t =
        new CommandTranslator(
            roots,
            SourceLocator.withS3(
                u -> URI.create("https://signed.example/" + u.getHost() + u.getPath() + "?sig=1")),
            RenderSettings.defaults(),
            WORK,
            STORE);
    ClipRequest r = t.prepare(withSource(valid(), "s3://footage/cam-1/a.mp4")).request();
    assertThat(r.sources().get(0).uri())
        .isEqualTo("https://signed.example/footage/cam-1/a.mp4?sig=1");
  }

  @Test
  void shouldRejectAnEventThatEndsBeforeItStartsAsAnInvalidEvent() {
    RenderCommand.Builder b = valid();
    Event backwards =
        Event.newBuilder(b.getEvent())
            .setStart(T0.plusSeconds(3))
            .setEnd(T0.plusSeconds(1))
            .build();
    CommandRejectedException e = rejected(b.setEvent(backwards).build());
    assertThat(e.reason()).isEqualTo(FailureReason.INVALID_EVENT);
    assertThat(e.getMessage()).contains("ev-1", "ends", "before it starts");
  }

  @Test
  void shouldTakeTheWindowEndAsTheEventEndWhileTheEventIsOpen() {
    RenderCommand.Builder b = valid();
    Event open = Event.newBuilder(b.getEvent()).setEnd(null).build();
    ClipRequest r = translator.prepare(b.setEvent(open).build()).request();
    assertThat(r.event().end()).isEqualTo(b.getWindow().getEnd());
  }

  @Test
  void shouldRejectACommandWithoutSourcesAsNoRecording() {
    CommandRejectedException e = rejected(valid().setSources(List.of()).build());
    assertThat(e.reason()).isEqualTo(FailureReason.NO_RECORDING);
  }

  @Test
  void shouldRejectAnEmptyLocalRangeNamingTheSource() {
    RenderCommand.Builder b = valid();
    SourceClip empty =
        SourceClip.newBuilder(b.getSources().get(0))
            .setLocalFromMs(2_000)
            .setLocalToMs(2_000)
            .build();
    CommandRejectedException e = rejected(b.setSources(List.of(empty)).build());
    assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND);
    assertThat(e.getMessage()).contains("sources[0]", "local_to_ms");
  }

  @Test
  void shouldRejectABlankClipId() {
    CommandRejectedException e = rejected(valid().setClipId(" ").build());
    assertThat(e.reason()).isEqualTo(FailureReason.INVALID_COMMAND);
    assertThat(e.getMessage()).contains("clip_id");
  }
}
