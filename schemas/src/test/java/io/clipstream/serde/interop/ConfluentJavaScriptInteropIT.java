package io.clipstream.serde.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.DurationStrategy;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.TimeRange;
import io.clipstream.serde.SpecificAvroSerde;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Interoperability with an implementation that shares no code with ours: Confluent's official
 * JavaScript Schema Registry client. Bytes cross the real broker in both directions and each side
 * reads what the other wrote, through the real Apicurio registry.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class ConfluentJavaScriptInteropIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2026-11-21T06:12:03.417Z");

  private final ConfluentJavaScriptClient javascript = ConfluentJavaScriptClient.create();
  private RealKafka kafka;
  private RealSchemaRegistry registry;
  private String topic;

  @BeforeEach
  void setUp(RealKafka kafka, RealSchemaRegistry registry) {
    this.kafka = kafka;
    this.registry = registry;
    this.topic = "it.interop." + UUID.randomUUID();
    kafka.createTopic(topic, 1);
  }

  @Test
  void shouldReadClipReadyWrittenByTheConfluentJavaScriptSerializer() {
    ObjectNode json = clipReadyJson();

    ConfluentJavaScriptClient.Encoded encoded =
        javascript.serialize(
            registry.confluentUrl(), topic, ClipReady.getClassSchema().toString(), json.toString());
    byte[] received = throughBroker(encoded.bytes());

    try (SpecificAvroSerde<ClipReady> serde = serde(ClipReady.class)) {
      ClipReady ready = serde.deserializer().deserialize(topic, received);
      assertThat(ready).isEqualTo(expectedClipReady());
      assertThat(serde.serializer().serialize(topic, ready))
          .as(
              "our serializer registers the same schema under the same subject, so it gets the same id")
          .startsWith(java.util.Arrays.copyOf(encoded.bytes(), 5));
    }
  }

  @Test
  void shouldLetTheConfluentJavaScriptDeserializerReadClipReadyWrittenByUs() throws Exception {
    byte[] ours;
    try (SpecificAvroSerde<ClipReady> serde = serde(ClipReady.class)) {
      ours = serde.serializer().serialize(topic, expectedClipReady());
    }

    JsonNode decoded = javascript.deserialize(registry.confluentUrl(), topic, throughBroker(ours));

    assertThat(decoded).isEqualTo(clipReadyJson());
  }

  @Test
  void shouldReadAnEventWithNestedOptionalRecordsAndEnumsFromJavaScript() {
    ObjectNode json =
        JSON.createObjectNode()
            .put("event_id", "violation_001")
            .put("camera_id", "cam-7")
            .put("trigger", "loitering")
            .put("start", 1716530001200L)
            .putNull("end");
    json.putArray("focus_track_ids").add(12).add(9007199254740990L);
    json.putObject("attributes").put("zone", "dock-3");
    ObjectNode options = json.putObject("render_options");
    options.put("pre_roll_ms", 5000).put("duration_strategy", "TIMELAPSE").put("crf", 20);
    json.putNull("updated_at");

    ConfluentJavaScriptClient.Encoded encoded =
        javascript.serialize(
            registry.confluentUrl(), topic, Event.getClassSchema().toString(), json.toString());

    try (SpecificAvroSerde<Event> serde = serde(Event.class)) {
      Event event = serde.deserializer().deserialize(topic, throughBroker(encoded.bytes()));
      assertThat(event.getEventId()).isEqualTo("violation_001");
      assertThat(event.getStart()).isEqualTo(Instant.ofEpochMilli(1716530001200L));
      assertThat(event.getOptionalEnd()).isEmpty();
      assertThat(event.getFocusTrackIds()).containsExactly(12L, 9007199254740990L);
      assertThat(event.getAttributes()).containsEntry("zone", "dock-3");
      RenderOptions read = event.getOptionalRenderOptions().orElseThrow();
      assertThat(read.getPreRollMs()).isEqualTo(5000L);
      assertThat(read.getDurationStrategy()).isEqualTo(DurationStrategy.TIMELAPSE);
      assertThat(read.getCrf()).isEqualTo(20);
      assertThat(read.getOptionalPreset()).isEmpty();
      assertThat(read.getZones()).isEmpty();
    }
  }

  private <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroSerde<T> serde(
      Class<T> type) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
    return serde;
  }

  /** Sends raw bytes through the real broker and returns what a consumer receives. */
  private byte[] throughBroker(byte[] value) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            kafka.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "evt".getBytes(), value)).get();
    } catch (Exception e) {
      throw new AssertionError("Could not produce to " + topic, e);
    }
    return kafka.readRecords(topic, 1, Duration.ofSeconds(30)).get(0).value();
  }

  private static ClipReady expectedClipReady() {
    TimeRange requested =
        new TimeRange(Instant.ofEpochMilli(1716530000000L), Instant.ofEpochMilli(1716530015000L));
    return ClipReady.newBuilder()
        .setClipId("c-3f9a")
        .setEventId("violation_001")
        .setCameraId("cam-7")
        .setTrigger("loitering")
        .setVideoUri("s3://clips/cam-7/2024/05/24/violation_001/c-3f9a.mp4")
        .setSidecarUri("s3://clips/cam-7/2024/05/24/violation_001/c-3f9a.json")
        .setThumbnailUri("s3://clips/cam-7/2024/05/24/violation_001/c-3f9a.jpg")
        .setPlayableUrl(null)
        .setPlayableUrlExpiresAt(null)
        .setRequestedWindow(requested)
        .setActualWindow(
            new TimeRange(
                Instant.ofEpochMilli(1716529999800L), Instant.ofEpochMilli(1716530015000L)))
        .setFrames(152)
        .setFps(10.0)
        .setWidth(768)
        .setHeight(432)
        .setSizeBytes(1_234_567L)
        .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .setRenderTimeMs(1830)
        .setHasGaps(true)
        .setGaps(
            List.of(
                new TimeRange(
                    Instant.ofEpochMilli(1716530004000L), Instant.ofEpochMilli(1716530005000L))))
        .setStreamCopied(false)
        .setAutoClosed(false)
        .setCreatedAt(CREATED)
        .setProducerVersion("0.1.0")
        .build();
  }

  private static ObjectNode clipReadyJson() {
    ObjectNode json =
        JSON.createObjectNode()
            .put("clip_id", "c-3f9a")
            .put("event_id", "violation_001")
            .put("camera_id", "cam-7")
            .put("trigger", "loitering")
            .put("video_uri", "s3://clips/cam-7/2024/05/24/violation_001/c-3f9a.mp4")
            .put("sidecar_uri", "s3://clips/cam-7/2024/05/24/violation_001/c-3f9a.json")
            .put("thumbnail_uri", "s3://clips/cam-7/2024/05/24/violation_001/c-3f9a.jpg")
            .putNull("playable_url")
            .putNull("playable_url_expires_at");
    json.set("requested_window", range(1716530000000L, 1716530015000L));
    json.set("actual_window", range(1716529999800L, 1716530015000L));
    json.put("frames", 152)
        .put("fps", 10)
        .put("width", 768)
        .put("height", 432)
        .put("size_bytes", 1234567)
        .put("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .put("render_time_ms", 1830)
        .put("has_gaps", true);
    json.putArray("gaps").add(range(1716530004000L, 1716530005000L));
    json.put("stream_copied", false)
        .put("auto_closed", false)
        .put("redacted", false)
        .put("created_at", CREATED.toEpochMilli())
        .put("producer_version", "0.1.0")
        .put("signed", false)
        .putNull("signer_subject")
        .putNull("signer_fingerprint")
        .putNull("original_video_uri")
        .putNull("original_sidecar_uri")
        .putNull("original_thumbnail_uri")
        .putNull("original_size_bytes")
        .putNull("original_sha256");
    return json;
  }

  private static ObjectNode range(long start, long end) {
    return JSON.createObjectNode().put("start", start).put("end", end);
  }
}
