package io.clipstream.recorder;

import static io.clipstream.recorder.RecordingSink.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.media.Ffprobe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a real live stream: the ffmpeg CLI serves H.264 (10 fps, a keyframe every second,
 * B-frames) as MPEG-TS over TCP at real-time speed, and the recorder connects to it as a camera.
 */
class CameraRecorderIT {

  private static final Duration SEGMENT = Duration.ofSeconds(2);
  private static final long FRAME_MICROS = 100_000;

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path input;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void makeInput() throws Exception {
    input = LiveServer.makeInput(shared.resolve("live.mp4"));
  }

  @AfterEach
  void release() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void shouldCutTwoSecondSegmentsAtKeyframesContiguousInWallClockAndDeliverThePartialOneOnClose()
      throws Exception {
    Instant before = Instant.now();
    LiveServer server = server(LiveServer.freePort());
    RecordingSink sink = new RecordingSink();
    CameraRecorder recorder = recorder("cam-1", server.url(), Duration.ofSeconds(2), sink);

    recorder.start();
    await("three segments", Duration.ofSeconds(20), () -> sink.segments().size() >= 3);
    long packets = recorder.stats().packets();
    await(
        "frames of a fourth segment",
        Duration.ofSeconds(5),
        () -> recorder.stats().packets() >= packets + 5);
    RecorderStats live = recorder.stats();
    recorder.close();

    List<RecordedSegment> segments = sink.segments();
    assertThat(segments).hasSizeGreaterThanOrEqualTo(4);
    assertThat(sink.kinds()).containsOnly("segment");
    for (RecordedSegment segment : segments) {
      assertPlayableSegment(segment);
    }
    for (RecordedSegment full : segments.subList(0, segments.size() - 1)) {
      // cut at the first keyframe at or after 2 s: exactly 2 s with a keyframe every second
      assertThat(full.duration()).isBetween(SEGMENT, SEGMENT.plusSeconds(1).minusMillis(1));
      assertThat(full.frames()).isEqualTo(20);
    }
    for (int i = 1; i < segments.size(); i++) {
      assertThat(
              Duration.between(segments.get(i - 1).end(), segments.get(i).start()).toNanos() / 1000)
          .as("segment %d starts where %d ends", i, i - 1)
          .isCloseTo(0, within(FRAME_MICROS));
    }
    RecordedSegment partial = segments.get(segments.size() - 1);
    assertThat(partial.frames()).isBetween(1L, 19L);
    assertThat(partial.duration()).isLessThan(SEGMENT);

    // Wall clock: no frame was captured before the server started; a frame arrives no earlier
    // than it was captured, so a segment (cut when the next keyframe arrives) ends no later than
    // it was delivered; once the anchor is fixed, it is delivered right after it ends.
    RecordedSegment first = segments.get(0);
    // (ffmpeg -re sends by decode time: a frame shown after B-frames leaves up to 0.5 s before
    // its presentation time, which moves the arrival-based anchor earlier by as much)
    assertThat(first.start()).isAfterOrEqualTo(before.minusMillis(600));
    List<RecordingSink.Event> delivered = sink.ofKind("segment");
    for (int i = 0; i < segments.size() - 1; i++) {
      assertThat(segments.get(i).end()).isBeforeOrEqualTo(delivered.get(i).receivedAt());
    }
    // ... and it is delivered at once, not held back: before the next segment has even ended.
    for (int i = 0; i < segments.size() - 2; i++) {
      assertThat(delivered.get(i).receivedAt()).isBefore(segments.get(i + 1).end());
    }

    RecorderStats stats = recorder.stats();
    long frames = segments.stream().mapToLong(RecordedSegment::frames).sum();
    long bytes = segments.stream().mapToLong(RecordedSegment::bytes).sum();
    assertThat(stats.segments()).isEqualTo(segments.size());
    assertThat(stats.bytes()).isEqualTo(bytes);
    assertThat(stats.packets()).isEqualTo(frames);
    assertThat(stats.reconnects()).isZero();
    assertThat(stats.connected()).isFalse();
    assertThat(live.connected()).isTrue();
    double seconds = Duration.between(first.start(), partial.end()).toNanos() / 1e9;
    double fileBitrate = bytes * 8 / seconds;
    assertThat(live.bitrateBitsPerSecond()).isBetween(fileBitrate * 0.5, fileBitrate * 2);
  }

  @Test
  void shouldDeliverTheOpenSegmentReportTheLossAndReconnectWithTheGapInTheTimeline()
      throws Exception {
    int port = LiveServer.freePort();
    LiveServer server = server(port);
    RecordingSink sink = new RecordingSink();
    CameraRecorder recorder = recorder("cam-2", server.url(), Duration.ofSeconds(2), sink);
    recorder.start();
    await("a first segment", Duration.ofSeconds(20), () -> sink.segments().size() >= 1);
    long packets = recorder.stats().packets();
    await(
        "frames of the second segment",
        Duration.ofSeconds(5),
        () -> recorder.stats().packets() >= packets + 5);

    Instant killedAt = Instant.now();
    server.kill();
    await("inputLost", Duration.ofSeconds(5), () -> !sink.ofKind("lost").isEmpty());
    RecordingSink.Event lostEvent = sink.ofKind("lost").get(0);
    RecordingSink.Lost lost = (RecordingSink.Lost) lostEvent.value();
    assertThat(recorder.stats().connected()).isFalse();
    List<RecordedSegment> beforeLoss = sink.segments();
    RecordedSegment atLoss = beforeLoss.get(beforeLoss.size() - 1);
    assertThat(atLoss.frames()).isBetween(5L, 19L); // the open segment, delivered at the loss
    assertThat(lost.lastFrameEnd()).isEqualTo(atLoss.end());
    assertPlayableSegment(atLoss);

    // the outage: the camera stays away for 1.5 s
    long outage =
        Duration.ofMillis(1500).toMillis() - Duration.between(killedAt, Instant.now()).toMillis();
    if (outage > 0) {
      Thread.sleep(outage);
    }
    Instant restartedAt = Instant.now();
    assertThat(lostEvent.receivedAt())
        .as("the loss is reported while the camera is still away, not when it comes back")
        .isBetween(killedAt, restartedAt);
    server(port);
    await("inputRestored", Duration.ofSeconds(10), () -> !sink.ofKind("restored").isEmpty());
    RecordingSink.Event restoredEvent = sink.ofKind("restored").get(0);
    RecordingSink.Restored restored = (RecordingSink.Restored) restoredEvent.value();
    assertThat(restored.reconnects()).isEqualTo(1);
    int delivered = beforeLoss.size();
    await(
        "a segment after the reconnection",
        Duration.ofSeconds(10),
        () -> sink.segments().size() > delivered);
    recorder.close();

    assertThat(sink.kinds().subList(delivered, delivered + 3))
        .containsExactly("lost", "restored", "segment");
    RecordedSegment after = sink.segments().get(delivered);
    assertPlayableSegment(after);
    assertThat(after.start()).isEqualTo(restored.firstFrame());
    Duration gap = Duration.between(atLoss.end(), after.start());
    assertThat(gap)
        .as("the gap covers the outage")
        .isBetween(
            Duration.between(killedAt, restartedAt).minusMillis(300),
            Duration.between(killedAt, restoredEvent.receivedAt()).plusMillis(300));
    assertThat(after.start()).isBeforeOrEqualTo(restoredEvent.receivedAt());

    RecorderStats stats = recorder.stats();
    assertThat(stats.reconnects()).isEqualTo(1);
    assertThat(stats.segments()).isEqualTo(sink.segments().size());
    assertThat(stats.packets())
        .isEqualTo(sink.segments().stream().mapToLong(RecordedSegment::frames).sum());
  }

  @Test
  void shouldDetectASilentInputWithinTheReadTimeoutAndStopAtOnceWhileReconnecting()
      throws Exception {
    LiveServer server = server(LiveServer.freePort());
    FreezingProxy proxy = new FreezingProxy(server.port());
    resources.add(proxy);
    RecordingSink sink = new RecordingSink();
    Duration readTimeout = Duration.ofSeconds(2);
    CameraRecorder recorder = recorder("cam-3", proxy.url(), readTimeout, sink);
    recorder.start();
    await("1.5 s of frames", Duration.ofSeconds(20), () -> recorder.stats().packets() >= 15);

    Instant frozenAt = Instant.now();
    proxy.freeze(); // the connection stays open but no byte arrives any more
    await("inputLost", readTimeout.plusSeconds(5), () -> !sink.ofKind("lost").isEmpty());
    RecordingSink.Event lost = sink.ofKind("lost").get(0);
    assertThat(Duration.between(frozenAt, lost.receivedAt()))
        .isBetween(readTimeout.minusMillis(300), readTimeout.plusMillis(1500));
    assertThat(((RecordingSink.Lost) lost.value()).reason()).containsIgnoringCase("time");
    List<String> kinds = sink.kinds();
    assertThat(kinds.get(kinds.size() - 2))
        .as("the open segment is delivered at the loss")
        .isEqualTo("segment");
    List<RecordedSegment> segments = sink.segments();
    assertThat(segments.get(segments.size() - 1).end())
        .isEqualTo(((RecordingSink.Lost) lost.value()).lastFrameEnd());

    // a reconnection attempt now hangs on the silent proxy; close() must not wait for it
    await("a reconnection attempt", Duration.ofSeconds(5), () -> proxy.accepted() >= 2);
    // The hanging attempt would last the whole read timeout: close() must return well before.
    CompletableFuture<Void> closing = CompletableFuture.runAsync(recorder::close);
    closing.get(readTimeout.toMillis() / 2, TimeUnit.MILLISECONDS);
    assertThat(sink.ofKind("restored")).isEmpty();
  }

  private void assertPlayableSegment(RecordedSegment segment) throws Exception {
    Path file = segment.file();
    assertThat(file).exists().hasParent(dir.resolve(segment.cameraId()));
    assertThat(file.getFileName().toString())
        .matches(segment.cameraId() + "-\\d{8}T\\d{6}\\.\\d{3}Z\\.mp4");
    assertThat(Files.size(file)).isEqualTo(segment.bytes());
    List<String> boxes = Ffprobe.topLevelBoxes(file);
    assertThat(boxes.indexOf("moov")).as("faststart").isLessThan(boxes.indexOf("mdat"));
    JsonNode stream = Ffprobe.videoStream(file);
    assertThat(stream.path("codec_name").asText()).isEqualTo("h264").isEqualTo(segment.codec());
    assertThat(stream.path("width").asInt()).isEqualTo(320).isEqualTo(segment.width());
    assertThat(stream.path("height").asInt()).isEqualTo(240).isEqualTo(segment.height());
    assertThat(segment.fps()).isEqualTo(10.0);
    JsonNode packets = Ffprobe.packets(file);
    assertThat(packets.get(0).path("flags").asText()).as("starts with a keyframe").contains("K");
    List<Double> frames = Ffprobe.frameTimes(file);
    assertThat(frames).hasSize((int) segment.frames());
    assertThat(frames.get(0)).as("timestamps start at 0").isCloseTo(0.0, within(1e-3));
    double last = frames.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertThat(last + 0.1).isCloseTo(segment.duration().toNanos() / 1e9, within(1e-3));
  }

  private LiveServer server(int port) throws Exception {
    LiveServer server = LiveServer.start(input, port, dir.resolve("ffmpeg-" + port + ".log"));
    resources.add(server);
    return server;
  }

  private CameraRecorder recorder(
      String camera, String url, Duration readTimeout, SegmentSink sink) {
    RecorderSettings settings =
        new RecorderSettings(
            SEGMENT, Duration.ofMillis(100), Duration.ofMillis(400), readTimeout, dir);
    CameraRecorder recorder = new CameraRecorder(camera, url, settings, sink, Clock.systemUTC());
    resources.add(recorder);
    return recorder;
  }
}
