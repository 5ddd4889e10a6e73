package io.clipstream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.app.ClipstreamApp;
import io.clipstream.cli.E2eSample;
import io.clipstream.cli.PipelineKafka;
import io.clipstream.cli.PipelineTopics;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.contracts.BoundingBox;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.OutputLocation;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.Segment;
import io.clipstream.contracts.SourceClip;
import io.clipstream.contracts.TimeRange;
import io.clipstream.media.Ffprobe;
import io.clipstream.reliability.CorpusCase.Expected;
import io.clipstream.reliability.CorpusCase.Input;
import io.clipstream.reliability.CorpusCase.Outcome;
import io.clipstream.reliability.CorpusCase.Send;
import io.clipstream.serde.AvroSerializer;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.storage.ClipKeys;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
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
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bad-input corpus: over forty bad inputs (unreadable bytes, impossible events, garbage boxes,
 * broken and foreign video files, disallowed source URIs, out-of-range options...) and a few odd
 * but usable ones (hostile ids, clamped boxes, mixed resolutions, overlapping segments) fed to the
 * service as {@code clipstream run} starts it (planner and renderer, {@link ClipstreamApp}) on the
 * real broker, the real Apicurio registry and S3Proxy, interleaved with good events. Every bad case
 * must be answered by a record a person can read (a dead-letter record whose error headers say what
 * was wrong, or a {@code clips.failed} record with a specific reason and message) or, where the
 * input is odd but usable, by a valid clip; the service stays alive and every good event still gets
 * its clip. Nothing else may land on any output topic.
 *
 * <p>The cases are data ({@link #corpus}); the assertions and the report table ({@code
 * target/reliability/bad-input-corpus.md}) are both made from them and from what arrived.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
class BadInputCorpusIT {

  private static final Instant T0 = Instant.parse("2024-05-24T09:00:00Z");
  private static final String OFFICE = "cam-office";
  private static final String CLIP_PREFIX = "clips";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Duration QUIET = Duration.ofSeconds(6);
  private static final String EXCEPTION_MESSAGE = "__streams.errors.message";
  private static final String EXCEPTION = "__streams.errors.exception";
  private static final Path REPORT = Path.of("target", "reliability", "bad-input-corpus.md");

  private RealKafka kafka;
  private RealSchemaRegistry registry;
  private PipelineTopics topics;
  private Path recordings;
  private Path bad;

  @Test
  void shouldAnswerEveryBadInputReadablyAndStillRenderEveryGoodEvent(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    long started = System.nanoTime();
    this.kafka = kafka;
    this.registry = registry;
    topics = PipelineTopics.unique("corpus");
    topics.create(kafka);
    String bucket = "corpus-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    Path dir = Files.createDirectories(Path.of("target", "reliability", topics.run()));
    recordings = dir.resolve("recordings").toAbsolutePath().normalize();
    E2eSample.extract(dir, recordings.toUri().toString());
    bad = Files.createDirectories(recordings.resolve("bad"));

    List<CorpusCase> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);
    assertThat(corpus.stream().map(CorpusCase::name).distinct()).hasSize(corpus.size());

    List<Row> rows;
    try (RealS3.Restore credentials = s3.asDefaultCredentials();
        ClipstreamApp app =
            ClipstreamApp.start(config(bucket, dir, s3), new SimpleMeterRegistry())) {
      publish(corpus);
      int dead = count(corpus, Outcome.DEAD_LETTER);
      int failed = count(corpus, Outcome.CLIPS_FAILED);
      int ready = count(corpus, Outcome.CLIPS_READY);
      // Wait until as many answers arrived as there are cases (or time is up), then stay a while,
      // alive, for anything unexpected that would come a moment later, and count exactly.
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (answers() < corpus.size() && System.nanoTime() < deadline) {
        assertThat(app.alive()).as("health: live (states %s)", app.states()).isTrue();
        Thread.sleep(1000);
      }
      long quietUntil = System.nanoTime() + QUIET.toNanos();
      while (System.nanoTime() < quietUntil) {
        assertThat(app.alive()).as("health: live (states %s)", app.states()).isTrue();
        Thread.sleep(250);
      }
      List<ConsumerRecord<String, byte[]>> readyRecords =
          PipelineKafka.readToEnd(kafka, topics.ready());
      List<ConsumerRecord<String, byte[]>> failedRecords =
          PipelineKafka.readToEnd(kafka, topics.failed());
      List<ConsumerRecord<String, byte[]>> deadRecords =
          PipelineKafka.readToEnd(kafka, topics.deadLetter());

      rows = match(corpus, readyRecords, failedRecords, deadRecords);
      writeReport(rows);

      assertThat(deadRecords)
          .as(
              (Supplier<String>)
                  () ->
                      "dead-letter records, exactly (all, read_uncommitted: "
                          + uncommitted(topics.deadLetter())
                          + ")")
          .hasSize(dead);
      assertThat(failedRecords).as("clips.failed records, exactly").hasSize(failed);
      assertThat(readyRecords).as("clips.ready records, exactly").hasSize(ready);
      List<String> wrong = new ArrayList<>();
      try (S3Client client = s3.s3Client()) {
        for (Row row : rows) {
          try {
            check(row, client, dir);
          } catch (AssertionError e) {
            wrong.add(e.getMessage());
          }
        }
      }
      assertThat(wrong).as("cases answered otherwise than expected").isEmpty();
      assertThat(app.alive()).as("health: live").isTrue();
      assertThat(app.running()).as("both roles still RUNNING: %s", app.states()).isTrue();
    }
    System.out.printf(
        "Bad-input corpus: %d cases in %d s%n",
        corpus.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  // ---------------------------------------------------------------------------------- the corpus

  private List<CorpusCase> corpus() throws Exception {
    List<CorpusCase> c = new ArrayList<>();
    String office0 = sample("cam-office/20240524-090000.mp4");
    String office20 = sample("cam-office/20240524-090020.mp4");

    // Good event first, with the camera's recordings: bad input that follows must not disturb it.
    c.add(
        good(
            "good-first",
            "a good event before the bad ones",
            OFFICE,
            "good-first",
            at(2),
            at(3),
            List.of(
                send(Input.SEGMENTS, OFFICE, segment(OFFICE, office0, at(0), at(20))),
                send(Input.SEGMENTS, OFFICE, segment(OFFICE, office20, at(20), at(40))))));

    // ---- unreadable bytes
    c.add(
        raw(
            "not-avro-event",
            "cv.events value is UTF-8 text, not Avro",
            Input.EVENTS,
            OFFICE,
            "{\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            Expected.deadLetter("not Confluent wire format", "looks like JSON")));
    c.add(
        raw(
            "unknown-schema-id",
            "cv.detections value: magic byte + schema id 2147483000 that the registry lacks",
            Input.DETECTIONS,
            OFFICE,
            new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xfd, 0x78, 2, 4, 6},
            Expected.deadLetter("schema id 2147483000", "does not know")));
    c.add(
        raw(
            "wrong-schema",
            "a valid Segment record (its own registered schema) on cv.events",
            Input.EVENTS,
            OFFICE,
            avro(topics.segments(), segment(OFFICE, office0, at(0), at(20))),
            Expected.deadLetter("cannot be read as io.clipstream.contracts.Event")));
    byte[] segmentBytes = avro(topics.segments(), segment(OFFICE, office0, at(0), at(20)));
    c.add(
        raw(
            "cut-avro",
            "cv.segments value: a valid header and schema id, payload cut in half",
            Input.SEGMENTS,
            OFFICE,
            java.util.Arrays.copyOf(segmentBytes, segmentBytes.length / 2),
            Expected.deadLetter("cannot decode")));
    c.add(
        raw(
            "not-avro-command",
            "clips.render-commands value is text, not Avro",
            Input.COMMANDS,
            OFFICE,
            "render please".getBytes(StandardCharsets.UTF_8),
            Expected.deadLetter("not Confluent wire format")));

    // ---- events
    c.add(
        badEvent(
            "end-before-start",
            "event end 5 s before its start",
            event("ev-end-before-start", OFFICE, at(40), at(35)),
            FailureReason.INVALID_EVENT,
            "is before start"));
    c.add(
        badEvent(
            "blank-event-id",
            "event_id is blank",
            event("  ", OFFICE, at(40), at(41)),
            FailureReason.INVALID_EVENT,
            "event_id is blank"));
    c.add(
        new CorpusCase(
            "camera-not-key",
            "camera_id 'cam-street' under key 'cam-office'",
            List.of(
                send(
                    Input.EVENTS,
                    OFFICE,
                    event("ev-camera-not-key", "cam-street", at(40), at(41)))),
            Expected.failed(
                "ev-camera-not-key", FailureReason.INVALID_EVENT, "differs from the record key")));
    c.add(
        badEvent(
            "control-chars-event-id",
            "event_id with a newline and a BEL character",
            event("ev-ctl\n\u0007", OFFICE, at(40), at(41)),
            FailureReason.INVALID_EVENT,
            "control character"));
    c.add(
        new CorpusCase(
            "control-chars-camera",
            "camera id (key and camera_id) with a carriage return",
            List.of(
                send(
                    Input.EVENTS,
                    "cam-ctl\r",
                    event("ev-control-camera", "cam-ctl\r", at(40), at(41)))),
            Expected.failed(
                "ev-control-camera", FailureReason.INVALID_EVENT, "control character")));
    c.add(
        new CorpusCase(
            "tombstone-event",
            "a null value (tombstone) on cv.events",
            List.of(new Send(Input.EVENTS, OFFICE, null)),
            Expected.deadLetter("tombstone")));
    c.add(
        badEvent(
            "far-future-event",
            "event in the year 2100",
            event(
                "ev-far-future",
                OFFICE,
                Instant.parse("2100-01-01T00:00:00Z"),
                Instant.parse("2100-01-01T00:00:10Z")),
            FailureReason.INVALID_EVENT,
            "in the future"));
    c.add(
        badEvent(
            "day-long-event",
            "event 24 h long (planner maximum: 5 min)",
            event("ev-day-long", OFFICE, at(10), at(10 + 86_400)),
            FailureReason.INVALID_EVENT,
            "longer than the maximum"));
    c.add(
        badEvent(
            "seconds-not-millis",
            "event times in epoch seconds where milliseconds belong (1970-01-20)",
            event(
                "ev-seconds",
                OFFICE,
                Instant.ofEpochMilli(at(5).getEpochSecond()),
                Instant.ofEpochMilli(at(6).getEpochSecond())),
            FailureReason.NO_RECORDING,
            "covers the window [1970-01-20T20:49:00.705Z, 1970-01-20T20:49:01.706Z)",
            "suggests the event's times are epoch seconds, not milliseconds"));
    c.add(
        badEvent(
            "unknown-camera",
            "event of a camera that has no recording",
            event("ev-unknown-camera", "cam-nowhere", at(5), at(6)),
            FailureReason.NO_RECORDING,
            "No recording of camera 'cam-nowhere'",
            "after waiting PT25S"));
    c.add(
        odd(
            "traversal-event-id",
            "event_id '../../etc/passwd' (clip renders; key sanitised)",
            OFFICE,
            "../../etc/passwd",
            at(8),
            at(9)));
    c.add(
        odd(
            "unicode-event-id",
            "event_id with spaces, accents, CJK and slashes",
            OFFICE,
            "Ereignis ä 東京 / 1",
            at(11),
            at(12)));
    String slashCamera = "cam/../../x y";
    c.add(
        new CorpusCase(
            "slash-camera",
            "camera id 'cam/../../x y' (clip renders; key sanitised)",
            List.of(
                send(Input.SEGMENTS, slashCamera, segment(slashCamera, office0, at(0), at(20))),
                send(
                    Input.EVENTS,
                    slashCamera,
                    event("ev-slash-camera", slashCamera, at(4), at(5)))),
            Expected.ready("ev-slash-camera", 20)));

    // ---- detections
    c.add(
        badFrame(
            "nan-box",
            "a box with x1 = NaN",
            frame(OFFICE, at(2.5), box(Float.NaN, 10, 100, 100))));
    c.add(
        badFrame(
            "infinite-score",
            "a box with score = +Infinity",
            frame(
                OFFICE,
                at(2.6),
                Detection.newBuilder(box(10, 10, 100, 100))
                    .setScore(Float.POSITIVE_INFINITY)
                    .build())));
    c.add(
        badFrame(
            "huge-box",
            "a box reaching x2 = 1e9 px",
            frame(OFFICE, at(2.7), box(10, 10, 1e9f, 100))));
    c.add(
        badFrame(
            "out-of-frame-box",
            "a box wholly outside the 768x432 frame (x 900..1000)",
            frame(OFFICE, at(2.8), box(900, 10, 1000, 100))));
    c.add(
        new CorpusCase(
            "blank-detection-key",
            "a detection frame with an empty record key",
            List.of(send(Input.DETECTIONS, "", frame(OFFICE, at(2.9), box(1, 1, 50, 50)))),
            Expected.deadLetter("no usable record key")));
    // Odd but usable: a box partly outside the frame is clamped (detectors do this all the time).
    c.add(
        new CorpusCase(
            "negative-box",
            "a box from (-40,-30) to (120,90), partly outside the frame (clamped; renders)",
            List.of(
                send(Input.DETECTIONS, OFFICE, frame(OFFICE, at(14.5), box(-40, -30, 120, 90))),
                send(Input.EVENTS, OFFICE, event("ev-negative-box", OFFICE, at(14), at(15)))),
            Expected.ready("ev-negative-box", 20)));
    List<Send> backwards = new ArrayList<>();
    for (int i = 9; i >= 0; i--) {
      backwards.add(
          send(Input.DETECTIONS, OFFICE, frame(OFFICE, at(17 + i * 0.1), box(100, 100, 200, 300))));
    }
    backwards.add(send(Input.EVENTS, OFFICE, event("ev-backwards", OFFICE, at(17), at(18))));
    c.add(
        new CorpusCase(
            "detections-backwards",
            "10 detection frames published newest first (renders)",
            backwards,
            Expected.ready("ev-backwards", 20)));
    // More boxes than any command can carry: 4000 focus boxes on one frame.
    List<Detection> crowd = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      crowd.add(box(i % 700, i % 400, i % 700 + 20, i % 400 + 20));
    }
    c.add(
        new CorpusCase(
            "crowd",
            "4000 boxes of the focus track on one frame (command cap 64 KB)",
            List.of(
                send(Input.SEGMENTS, "cam-crowd", segment("cam-crowd", office0, at(0), at(20))),
                send(
                    Input.DETECTIONS,
                    "cam-crowd",
                    DetectionFrame.newBuilder(frame("cam-crowd", at(6.5)))
                        .setDetections(crowd)
                        .build()),
                send(Input.EVENTS, "cam-crowd", event("ev-crowd", "cam-crowd", at(6), at(7)))),
            Expected.failed("ev-crowd", FailureReason.COMMAND_TOO_LARGE, "exceeds")));

    // ---- segments (metadata)
    c.add(
        badSegment(
            "segment-end-before-start",
            "segment ending 20 s before it starts",
            segment("cam-seg", office0, at(20), at(0)),
            "not after its start"));
    c.add(
        badSegment(
            "segment-fps-zero",
            "segment with fps 0",
            Segment.newBuilder(segment("cam-seg", office0, at(0), at(20))).setFps(0).build(),
            "fps"));
    c.add(
        badSegment(
            "segment-negative-size",
            "segment of -768x432 pixels",
            Segment.newBuilder(segment("cam-seg", office0, at(0), at(20))).setWidth(-768).build(),
            "width"));
    c.add(
        badSegment(
            "segment-far-future",
            "segment recorded in the year 2100",
            segment(
                "cam-seg",
                office0,
                Instant.parse("2100-01-01T00:00:00Z"),
                Instant.parse("2100-01-01T00:00:20Z")),
            "in the future"));

    // ---- segments (files and URIs), each on its own camera
    c.add(
        badFile(
            "missing-file",
            "segment points at a file that does not exist",
            "cam-missing",
            recordings.resolve("cam-office/20240524-085959.mp4").toUri().toString(),
            FailureReason.SOURCE_UNREADABLE,
            "no such file"));
    c.add(
        badFile(
            "corrupt-file",
            "50 KiB of random bytes named .mp4",
            "cam-corrupt",
            BadVideos.corrupt(bad).toUri().toString(),
            FailureReason.SOURCE_UNREADABLE,
            "not a readable video"));
    c.add(
        badFile(
            "truncated-file",
            "first half of an MP4 whose index is at the end",
            "cam-truncated",
            BadVideos.truncated(bad).toUri().toString(),
            FailureReason.SOURCE_UNREADABLE,
            "not a readable video"));
    c.add(
        badFile(
            "zero-byte-file",
            "empty file named .mp4",
            "cam-empty",
            BadVideos.empty(bad).toUri().toString(),
            FailureReason.SOURCE_UNREADABLE,
            "not a readable video"));
    c.add(
        badFile(
            "png-as-mp4",
            "PNG picture named .mp4",
            "cam-png",
            BadVideos.png(bad).toUri().toString(),
            FailureReason.SOURCE_UNREADABLE,
            "still image"));
    c.add(
        badFile(
            "wav-as-mp4",
            "WAV sound named .mp4",
            "cam-wav",
            BadVideos.wav(bad).toUri().toString(),
            FailureReason.SOURCE_UNREADABLE,
            "no video stream"));
    c.add(
        badFile(
            "ftp-segment",
            "segment URI ftp://nvr.example/cam.mp4",
            "cam-ftp",
            "ftp://nvr.example/cam.mp4",
            FailureReason.SOURCE_NOT_ALLOWED,
            "ftp://nvr.example/cam.mp4"));
    c.add(
        badFile(
            "metadata-host-segment",
            "segment URI http://169.254.169.254/latest/meta-data/x.mp4",
            "cam-imds",
            "http://169.254.169.254/latest/meta-data/x.mp4",
            FailureReason.SOURCE_NOT_ALLOWED,
            "169.254.169.254"));
    c.add(
        badFile(
            "traversal-segment",
            "segment URI escaping the allowed root with ../",
            "cam-escape",
            recordings.toUri() + "cam-office/../../../../etc/passwd",
            FailureReason.SOURCE_NOT_ALLOWED,
            "outside sources.allowed.roots"));
    String small = BadVideos.small(bad).toUri().toString();
    c.add(
        new CorpusCase(
            "mixed-resolutions",
            "two segments of one clip: 768x432 then 320x240 (scaled; renders)",
            List.of(
                send(Input.SEGMENTS, "cam-mixed", segment("cam-mixed", office0, at(0), at(20))),
                send(
                    Input.SEGMENTS,
                    "cam-mixed",
                    Segment.newBuilder(segment("cam-mixed", small, at(20), at(40)))
                        .setWidth(320)
                        .setHeight(240)
                        .build()),
                send(Input.EVENTS, "cam-mixed", event("ev-mixed", "cam-mixed", at(19), at(21)))),
            Expected.ready("ev-mixed", 30)));
    c.add(
        new CorpusCase(
            "overlapping-segments",
            "segments [0 s, 20 s) and [10 s, 30 s) of one camera (each instant once; renders)",
            List.of(
                send(Input.SEGMENTS, "cam-overlap", segment("cam-overlap", office0, at(0), at(20))),
                send(
                    Input.SEGMENTS,
                    "cam-overlap",
                    segment("cam-overlap", office20, at(10), at(30))),
                send(
                    Input.EVENTS,
                    "cam-overlap",
                    event("ev-overlap", "cam-overlap", at(18), at(22)))),
            Expected.ready("ev-overlap", 50)));

    c.add(
        good(
            "good-middle",
            "a good event among the bad ones",
            OFFICE,
            "good-middle",
            at(24),
            at(25),
            List.of()));

    // ---- render commands sent directly (as a user or a replay would)
    c.add(
        badCommand(
            "jar-uri-command",
            "render command source jar:file:...!/x.mp4",
            command("cmd-jar", "jar:" + office0 + "!/x.mp4"),
            FailureReason.SOURCE_NOT_ALLOWED,
            "jar:"));
    c.add(
        badCommand(
            "outside-root-command",
            "render command source file:///etc/passwd",
            command("cmd-outside", "file:///etc/passwd"),
            FailureReason.SOURCE_NOT_ALLOWED,
            "outside sources.allowed.roots"));
    c.add(
        badCommand(
            "unsafe-output-key",
            "render command output key '../../etc/x'",
            RenderCommand.newBuilder(command("cmd-unsafe-key", office0))
                .setOutput(OutputLocation.newBuilder().setKey("../../etc/x").build())
                .build(),
            FailureReason.INVALID_COMMAND,
            "Unsafe storage key"));
    c.add(
        badCommand(
            "blank-clip-id",
            "render command with an empty clip_id",
            RenderCommand.newBuilder(command("cmd-blank-clip", office0)).setClipId("").build(),
            FailureReason.INVALID_COMMAND,
            "clip_id is empty"));
    RenderCommand plain = command("cmd-inverted", office0);
    c.add(
        badCommand(
            "inverted-range-command",
            "render command source range 4000..2000 ms",
            RenderCommand.newBuilder(plain)
                .setSources(
                    List.of(
                        SourceClip.newBuilder(plain.getSources().get(0))
                            .setLocalFromMs(4000)
                            .setLocalToMs(2000)
                            .build()))
                .build(),
            FailureReason.INVALID_COMMAND,
            "local range [4000, 2000) ms is empty"));
    c.add(
        badCommand(
            "stride-zero",
            "render options frame_stride 0",
            withOptions(
                command("cmd-stride-zero", office0),
                RenderOptions.newBuilder().setFrameStride(0).build()),
            FailureReason.INVALID_COMMAND,
            "Stride must be at least 1"));
    c.add(
        badCommand(
            "negative-speed",
            "render options playback_speed -2",
            withOptions(
                command("cmd-negative-speed", office0),
                RenderOptions.newBuilder().setPlaybackSpeed(-2.0).build()),
            FailureReason.INVALID_COMMAND,
            "Speed must be in (0, 1000]"));
    c.add(
        badCommand(
            "crf-out-of-range",
            "render options crf 99",
            withOptions(command("cmd-crf", office0), RenderOptions.newBuilder().setCrf(99).build()),
            FailureReason.INVALID_COMMAND,
            "CRF must be between 0 and 51, got 99"));
    c.add(
        badCommand(
            "unknown-encoder",
            "render options video_encoder 'divx'",
            withOptions(
                command("cmd-encoder", office0),
                RenderOptions.newBuilder().setVideoEncoder("divx").build()),
            FailureReason.INVALID_COMMAND,
            "divx"));
    c.add(
        badCommand(
            "command-event-inverted",
            "render command whose event ends before it starts",
            RenderCommand.newBuilder(command("cmd-event-inverted", office0))
                .setEvent(
                    Event.newBuilder(command("cmd-event-inverted", office0).getEvent())
                        .setEnd(at(1))
                        .build())
                .build(),
            FailureReason.INVALID_EVENT,
            "before it starts"));

    // Good event last: everything bad before it must have left the service able to render.
    c.add(
        good(
            "good-last",
            "a good event after all the bad ones",
            OFFICE,
            "good-last",
            at(30),
            at(31),
            List.of()));
    return c;
  }

  // ------------------------------------------------------------------------------ case builders

  private CorpusCase good(
      String name,
      String input,
      String camera,
      String eventId,
      Instant s,
      Instant e,
      List<Send> before) {
    List<Send> sends = new ArrayList<>(before);
    sends.add(send(Input.EVENTS, camera, event(eventId, camera, s, e)));
    // Window = event + 0.5 s either side at 10 fps.
    long frames = (e.toEpochMilli() - s.toEpochMilli() + 1000) / 100;
    return new CorpusCase(name, input, sends, Expected.ready(eventId, frames));
  }

  private CorpusCase odd(
      String name, String input, String camera, String eventId, Instant s, Instant e) {
    return good(name, input, camera, eventId, s, e, List.of());
  }

  private CorpusCase raw(
      String name, String input, Input topic, String key, byte[] value, Expected expected) {
    return new CorpusCase(name, input, List.of(new Send(topic, key, value)), expected);
  }

  private CorpusCase badEvent(
      String name, String input, Event event, FailureReason reason, String... says) {
    // A blank event id cannot key the failure: clips.failed carries (and is keyed by) null.
    String eventId = event.getEventId().isBlank() ? null : event.getEventId();
    return new CorpusCase(
        name,
        input,
        List.of(send(Input.EVENTS, event.getCameraId(), event)),
        Expected.failed(eventId, reason, says));
  }

  private CorpusCase badFrame(String name, String input, DetectionFrame frame) {
    return new CorpusCase(
        name,
        input,
        List.of(send(Input.DETECTIONS, frame.getCameraId(), frame)),
        Expected.deadLetter(name.contains("score") ? "score" : "box"));
  }

  private CorpusCase badSegment(String name, String input, Segment segment, String says) {
    return new CorpusCase(
        name,
        input,
        List.of(send(Input.SEGMENTS, segment.getCameraId(), segment)),
        Expected.deadLetter(says));
  }

  private CorpusCase badFile(
      String name, String input, String camera, String uri, FailureReason reason, String says) {
    String eventId = "ev-" + name;
    return new CorpusCase(
        name,
        input,
        List.of(
            send(Input.SEGMENTS, camera, segment(camera, uri, at(0), at(20))),
            send(Input.EVENTS, camera, event(eventId, camera, at(5), at(6)))),
        Expected.failed(eventId, reason, says));
  }

  private CorpusCase badCommand(
      String name, String input, RenderCommand command, FailureReason reason, String says) {
    return new CorpusCase(
        name,
        input,
        List.of(send(Input.COMMANDS, command.getCameraId(), command)),
        Expected.failed(command.getEvent().getEventId(), reason, says));
  }

  // ------------------------------------------------------------------------------ records

  private Send send(Input topic, String key, SpecificRecord value) {
    return new Send(topic, key, avro(topicName(topic), value));
  }

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  private String sample(String file) {
    return recordings.resolve(file).toUri().toString();
  }

  private static Event event(String id, String camera, Instant start, Instant end) {
    return Event.newBuilder()
        .setEventId(id)
        .setCameraId(camera)
        .setTrigger("person-entered")
        .setStart(start)
        .setEnd(end)
        .setFocusTrackIds(List.of(1L))
        .build();
  }

  private static Segment segment(String camera, String uri, Instant start, Instant end) {
    return Segment.newBuilder()
        .setCameraId(camera)
        .setUri(uri)
        .setStart(start)
        .setEnd(end)
        .setFps(10.0)
        .setWidth(768)
        .setHeight(432)
        .setCodec("h264")
        .build();
  }

  private static DetectionFrame frame(String camera, Instant at, Detection... boxes) {
    return DetectionFrame.newBuilder()
        .setCameraId(camera)
        .setCaptureTime(at)
        .setFrameWidth(768)
        .setFrameHeight(432)
        .setModel("corpus")
        .setDetections(List.of(boxes))
        .build();
  }

  private static Detection box(float x1, float y1, float x2, float y2) {
    return Detection.newBuilder()
        .setBox(new BoundingBox(x1, y1, x2, y2))
        .setLabel("person")
        .setScore(0.9f)
        .setTrackId(1L)
        .build();
  }

  /** A command as the planner builds one: event {@code eventId} at 2-4 s of {@code uri}. */
  private static RenderCommand command(String eventId, String uri) {
    Instant start = at(2);
    Instant end = at(4);
    String clipId = "clip-" + eventId;
    return RenderCommand.newBuilder()
        .setClipId(clipId)
        .setEvent(event(eventId, OFFICE, start, end))
        .setCameraId(OFFICE)
        .setWindow(new TimeRange(start, end))
        .setSources(
            List.of(
                SourceClip.newBuilder()
                    .setUri(uri)
                    .setFileStart(T0)
                    .setLocalFromMs(2000)
                    .setLocalToMs(4000)
                    .build()))
        .setOptions(RenderOptions.newBuilder().build())
        .setOutput(
            OutputLocation.newBuilder()
                .setKey(ClipKeys.stem(OFFICE, eventId, start, clipId))
                .build())
        .setRequestedAt(Instant.now())
        .build();
  }

  private static RenderCommand withOptions(RenderCommand command, RenderOptions options) {
    return RenderCommand.newBuilder(command).setOptions(options).build();
  }

  // ------------------------------------------------------------------------------ Kafka

  private String topicName(Input input) {
    return switch (input) {
      case DETECTIONS -> topics.detections();
      case EVENTS -> topics.events();
      case SEGMENTS -> topics.segments();
      case COMMANDS -> topics.commands();
    };
  }

  private byte[] avro(String topic, SpecificRecord value) {
    try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
      serializer.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
      return serializer.serialize(topic, value);
    }
  }

  /**
   * Segments first (as a recorder announces files before events refer to them), then detections,
   * events and commands, each topic in case order (segments in order of end time): bad records are
   * interleaved with good ones.
   */
  private void publish(List<CorpusCase> corpus) {
    for (Input input : List.of(Input.SEGMENTS, Input.DETECTIONS, Input.EVENTS, Input.COMMANDS)) {
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      for (CorpusCase c : corpus) {
        for (Send s : c.sends()) {
          if (s.topic() == input) {
            records.add(new ConsumerRecord<>("unused", 0, 0, s.key(), s.value()));
          }
        }
      }
      if (input == Input.SEGMENTS) {
        // A recorder announces each file when it closes: in order of end time.
        records.sort(java.util.Comparator.comparing(r -> segmentEnd(r.value())));
      }
      PipelineKafka.sendRaw(kafka, topicName(input), records);
    }
  }

  /** End of an encoded segment; unreadable ones sort first. */
  private Instant segmentEnd(byte[] value) {
    try {
      return decode(Segment.class, topics.segments(), value).getEnd();
    } catch (RuntimeException unreadable) {
      return Instant.EPOCH;
    }
  }

  /** Every record of {@code topic}, aborted ones included: partition@offset key, for diagnosis. */
  private String uncommitted(String topic) {
    Map<String, Object> config =
        new LinkedHashMap<>(kafka.consumerConfig("corpus-" + UUID.randomUUID()));
    config.put("isolation.level", "read_uncommitted");
    List<String> seen = new ArrayList<>();
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(
            config,
            new org.apache.kafka.common.serialization.StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      for (int i = 0; i < 10; i++) {
        consumer
            .poll(Duration.ofMillis(300))
            .forEach(r -> seen.add(r.partition() + "@" + r.offset() + " " + r.key()));
      }
    }
    return String.join(", ", seen);
  }

  private int answers() {
    return PipelineKafka.readToEnd(kafka, topics.ready()).size()
        + PipelineKafka.readToEnd(kafka, topics.failed()).size()
        + PipelineKafka.readToEnd(kafka, topics.deadLetter()).size();
  }

  private static int count(List<CorpusCase> corpus, Outcome outcome) {
    return (int) corpus.stream().filter(c -> c.expected().outcome() == outcome).count();
  }

  // ------------------------------------------------------------------------------ matching

  /** One case with what arrived for it (outcome null when nothing did). */
  private record Row(
      CorpusCase c,
      Outcome outcome,
      ConsumerRecord<String, byte[]> record,
      ClipFailed failed,
      ClipReady ready,
      String reason,
      String message) {

    String outcomeTopic() {
      if (outcome == null) {
        return "(nothing)";
      }
      return switch (outcome) {
        case DEAD_LETTER -> "dead letter";
        case CLIPS_FAILED -> "clips.failed";
        case CLIPS_READY -> "clips.ready";
      };
    }
  }

  /**
   * What arrived for each case: a dead-letter record of its (last) record's bytes, or a
   * clips.failed or clips.ready record of its event; the expected kind first when there are
   * several.
   */
  private List<Row> match(
      List<CorpusCase> corpus,
      List<ConsumerRecord<String, byte[]>> ready,
      List<ConsumerRecord<String, byte[]>> failed,
      List<ConsumerRecord<String, byte[]>> dead) {
    List<ClipFailed> failures =
        failed.stream().map(r -> decode(ClipFailed.class, topics.failed(), r.value())).toList();
    List<ClipReady> clips =
        ready.stream().map(r -> decode(ClipReady.class, topics.ready(), r.value())).toList();
    List<Row> rows = new ArrayList<>();
    for (CorpusCase c : corpus) {
      Expected e = c.expected();
      List<Row> found = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : dead) {
        if (c.deadLettered().sameRecord(r.key(), r.value())) {
          found.add(
              new Row(
                  c,
                  Outcome.DEAD_LETTER,
                  r,
                  null,
                  null,
                  shortClass(header(r, EXCEPTION)),
                  header(r, EXCEPTION_MESSAGE)));
        }
      }
      boolean byEvent = e.eventId() != null || e.outcome() == Outcome.CLIPS_FAILED;
      for (int i = 0; i < failed.size() && byEvent; i++) {
        ClipFailed f = failures.get(i);
        if (java.util.Objects.equals(f.getEventId(), e.eventId())) {
          found.add(
              new Row(
                  c,
                  Outcome.CLIPS_FAILED,
                  failed.get(i),
                  f,
                  null,
                  f.getReason().name(),
                  f.getMessage()));
        }
      }
      for (int i = 0; i < ready.size(); i++) {
        ClipReady clip = clips.get(i);
        if (clip.getEventId().equals(e.eventId())) {
          found.add(
              new Row(
                  c,
                  Outcome.CLIPS_READY,
                  ready.get(i),
                  null,
                  clip,
                  "",
                  clip.getFrames()
                      + " frames "
                      + clip.getWidth()
                      + "x"
                      + clip.getHeight()
                      + ", "
                      + clip.getVideoUri()));
        }
      }
      rows.add(
          found.stream()
              .filter(r -> r.outcome() == e.outcome())
              .findFirst()
              .or(() -> found.stream().findFirst())
              .orElse(new Row(c, null, null, null, null, "", "")));
    }
    return rows;
  }

  private void check(Row row, S3Client client, Path dir) throws Exception {
    CorpusCase c = row.c();
    Expected e = c.expected();
    String what = c.name() + " (" + c.input() + ")";
    assertThat(row.outcome())
        .as("where the answer to %s landed: %s %s", what, row.reason(), row.message())
        .isEqualTo(e.outcome());
    switch (e.outcome()) {
      case DEAD_LETTER -> {
        assertThat(header(row.record(), "__streams.errors.topic"))
            .as("source topic of %s", what)
            .isEqualTo(topicName(c.deadLettered().topic()));
        assertThat(row.message()).as("dead-letter message of %s", what).isNotBlank();
        assertThat(Instant.ofEpochMilli(row.record().timestamp()))
            .as("dead letter of %s stamped when written, so that retention keeps it", what)
            .isAfter(Instant.now().minus(Duration.ofHours(1)));
        for (String s : e.says()) {
          assertThat(row.message()).as("dead-letter message of %s", what).containsIgnoringCase(s);
        }
      }
      case CLIPS_FAILED -> {
        assertThat(row.failed().getReason())
            .as("reason of %s: %s", what, row.message())
            .isEqualTo(e.reason());
        assertThat(row.record().key()).as("key of %s", what).isEqualTo(e.eventId());
        for (String s : e.says()) {
          assertThat(row.message()).as("message of %s", what).contains(s);
        }
      }
      case CLIPS_READY -> checkClip(row.ready(), e, client, dir, what);
    }
  }

  /** The MP4 the record announces is in S3, is H.264 and has the frames it says (ffprobe). */
  private static void checkClip(ClipReady clip, Expected e, S3Client client, Path dir, String what)
      throws Exception {
    URI video = URI.create(clip.getVideoUri());
    String key = video.getPath().substring(1);
    assertThat(key).as("object key of %s", what).startsWith(CLIP_PREFIX + "/");
    assertThat(key.split("/"))
        .as("segments of the object key of %s: safe characters, none '.', '..' or hidden", what)
        .allSatisfy(segment -> assertThat(segment).matches("[A-Za-z0-9_-][A-Za-z0-9._-]*"));
    byte[] bytes = client.getObjectAsBytes(r -> r.bucket(video.getHost()).key(key)).asByteArray();
    assertThat((long) bytes.length).isEqualTo(clip.getSizeBytes());
    Path mp4 = Files.createTempFile(dir.toAbsolutePath(), "clip", ".mp4");
    try {
      Files.write(mp4, bytes);
      JsonNode stream = Ffprobe.videoStream(mp4);
      assertThat(stream.path("codec_name").asText()).as("codec of %s", what).isEqualTo("h264");
      assertThat(stream.path("width").asInt()).isEqualTo(clip.getWidth());
      assertThat((long) Ffprobe.frameTimes(mp4).size())
          .as("frames ffprobe decodes from the clip of %s", what)
          .isEqualTo(clip.getFrames());
      if (e.frames() > 0) {
        assertThat(clip.getFrames())
            .as("frames of %s", what)
            .isBetween(e.frames() - 1, e.frames() + 1);
      }
    } finally {
      Files.deleteIfExists(mp4);
    }
  }

  private <T extends SpecificRecord> T decode(Class<T> type, String topic, byte[] value) {
    try (SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type)) {
      deserializer.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
      return deserializer.deserialize(topic, value);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String shortClass(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  // ------------------------------------------------------------------------------ report

  private static void writeReport(List<Row> rows) throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("# Bad-input corpus\n\n")
        .append("What the service answered to each bad input (from the records that arrived).\n\n")
        .append("| case | input | outcome topic | reason | message excerpt |\n")
        .append("|---|---|---|---|---|\n");
    for (Row r : rows) {
      md.append("| ")
          .append(cell(r.c().name()))
          .append(" | ")
          .append(cell(r.c().input()))
          .append(" | ")
          .append(cell(r.outcomeTopic()))
          .append(" | ")
          .append(cell(r.reason()))
          .append(" | ")
          .append(cell(excerpt(r.message())))
          .append(" |\n");
    }
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, md.toString());
    System.out.println(md);
  }

  private static String excerpt(String message) {
    String oneLine = message == null ? "" : message.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 220 ? oneLine.substring(0, 217) + "..." : oneLine;
  }

  private static String cell(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '|') {
        b.append("\\|");
      } else if (Character.isISOControl(ch)) {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------ configuration

  /** The configuration {@code clipstream run} would load from these flags. */
  private ClipstreamConfig config(String bucket, Path dir, RealS3 s3) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("roles", "planner,renderer");
    flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    flags.put("schema.registry.url", registry.confluentUrl());
    flags.put("application.id", topics.run());
    flags.put("state.dir", dir.resolve("state").toAbsolutePath().toString());
    flags.put("render.work.dir", dir.resolve("work").toAbsolutePath().toString());
    flags.put("sources.allowed.roots", recordings.toString());
    flags.put("storage.uri", "s3://" + bucket + "/" + CLIP_PREFIX);
    flags.put("storage.s3.endpoint", s3.endpoint().toString());
    flags.put("storage.s3.path.style", "true");
    flags.put("storage.s3.region", s3.region());
    flags.put("render.preset", "ultrafast");
    flags.put("planner.preroll.ms", "500");
    flags.put("planner.postroll.ms", "500");
    flags.put("planner.idle.advance.ms", "1000");
    flags.put("planner.grace.ms", "1000");
    // Longer than a segment (20 s): a file is announced when it closes, after the events in it.
    flags.put("planner.segment.wait.ms", "25000");
    flags.put("planner.max.command.bytes", "65536");
    flags.put("kafka.commit.interval.ms", "100");
    topics.putInto(flags);
    return ConfigLoader.load(Optional.empty(), Map.of(), flags);
  }
}
