package io.clipstream.planner;

import io.clipstream.contracts.BoundingBox;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.Segment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver running the planner with mock:// serdes, and builders for its inputs. */
final class PlannerFixture implements AutoCloseable {

  static final String CAM = "cam-1";

  /** 2024-05-24T05:53:00Z: the epoch of every test timeline. */
  static final long T0 = Instant.parse("2024-05-24T05:53:00Z").toEpochMilli();

  final PlannerSettings settings;
  final TopologyTestDriver driver;
  final TestInputTopic<String, DetectionFrame> detections;
  final TestInputTopic<String, Event> events;
  final TestInputTopic<String, Segment> segments;
  final TestInputTopic<String, byte[]> rawEvents;
  final TestOutputTopic<String, RenderCommand> commands;
  final TestOutputTopic<String, ClipFailed> failures;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  PlannerFixture(PlannerSettings settings) {
    this.settings = settings;
    PlannerSerdes serdes =
        PlannerSerdes.avro(Map.of("schema.registry.url", "mock://planner-" + UUID.randomUUID()));
    Properties config =
        PlannerStreamsConfig.streamsConfig(
            settings,
            "planner-test",
            "unused:9092",
            Path.of("target", "planner-ttd", UUID.randomUUID().toString()));
    driver =
        new TopologyTestDriver(
            PlannerTopology.build(settings, serdes), config, Instant.ofEpochMilli(T0));
    PlannerTopics t = settings.topics();
    StringSerializer keys = new StringSerializer();
    detections = driver.createInputTopic(t.detections(), keys, serdes.detections().serializer());
    events = driver.createInputTopic(t.events(), keys, serdes.events().serializer());
    segments = driver.createInputTopic(t.segments(), keys, serdes.segments().serializer());
    rawEvents = driver.createInputTopic(t.events(), keys, new ByteArraySerializer());
    commands =
        driver.createOutputTopic(
            t.renderCommands(), new StringDeserializer(), serdes.commands().deserializer());
    failures =
        driver.createOutputTopic(
            t.clipsFailed(), new StringDeserializer(), serdes.failures().deserializer());
    deadLetters =
        driver.createOutputTopic(
            t.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  PlannerFixture() {
    this(PlannerSettings.defaults());
  }

  static Event open(String camera, String id, long startOffsetMs) {
    return Event.newBuilder()
        .setEventId(id)
        .setCameraId(camera)
        .setTrigger("intrusion")
        .setStart(Instant.ofEpochMilli(T0 + startOffsetMs))
        .setFocusTrackIds(List.of(1L))
        .build();
  }

  static Event closed(String camera, String id, long startOffsetMs, long endOffsetMs) {
    return Event.newBuilder(open(camera, id, startOffsetMs))
        .setEnd(Instant.ofEpochMilli(T0 + endOffsetMs))
        .build();
  }

  static Segment segment(String camera, String uri, long startOffsetMs, long endOffsetMs) {
    return Segment.newBuilder()
        .setCameraId(camera)
        .setUri(uri)
        .setStart(Instant.ofEpochMilli(T0 + startOffsetMs))
        .setEnd(Instant.ofEpochMilli(T0 + endOffsetMs))
        .setFps(25.0)
        .setWidth(1280)
        .setHeight(720)
        .setCodec("h264")
        .build();
  }

  static DetectionFrame frame(String camera, long offsetMs, long... trackIds) {
    List<Detection> boxes = new ArrayList<>();
    for (long track : trackIds) {
      boxes.add(
          Detection.newBuilder()
              .setBox(new BoundingBox(10f, 20f, 110f, 220f))
              .setLabel("person")
              .setScore(0.9f)
              .setTrackId(track)
              .build());
    }
    return DetectionFrame.newBuilder()
        .setCameraId(camera)
        .setCaptureTime(Instant.ofEpochMilli(T0 + offsetMs))
        .setDetections(boxes)
        .build();
  }

  void event(Event e) {
    events.pipeInput(e.getCameraId(), e);
  }

  void segment(Segment s) {
    segments.pipeInput(s.getCameraId(), s);
  }

  void detection(DetectionFrame f) {
    detections.pipeInput(f.getCameraId(), f);
  }

  /**
   * One detection frame of {@code camera} (track 1) every second from {@code fromMs} to {@code
   * toMs}.
   */
  void detectionsEverySecond(String camera, long fromMs, long toMs) {
    for (long t = fromMs; t <= toMs; t += 1000) {
      detection(frame(camera, t, 1L));
    }
  }

  /** Moves stream time to T0 + {@code offsetMs} with an empty frame of an unrelated camera. */
  void advanceStreamTimeTo(long offsetMs) {
    detection(frame("clock-cam", offsetMs));
  }

  @Override
  public void close() {
    driver.close();
  }
}
