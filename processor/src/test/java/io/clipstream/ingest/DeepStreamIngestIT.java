package io.clipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The ingest role on the real broker and registry: DeepStream's full and minimal payloads (fixtures
 * from NVIDIA's documented schema) and the generic JSON shapes become cv.detections and cv.events;
 * wrong JSON, an unknown schema version and a box outside the frame end on the dead-letter topic
 * with the reason, and the role keeps going.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class DeepStreamIngestIT {

  private static final String ERROR = "__streams.errors.message";

  @Test
  void shouldTranslateDeepStreamAndGenericJsonAndDeadLetterWhatItCannotRead(
      RealKafka kafka, RealSchemaRegistry registry) throws Exception {
    IngestRig rig = new IngestRig(kafka, registry, "deepstream");
    String deepstream = rig.inputTopic("deepstream", 2);
    String jsonEvents = rig.inputTopic("json-events", 1);
    Map<String, String> flags = rig.flags("ingest");
    flags.put("ingest.detections.topics", deepstream);
    flags.put("ingest.events.topics", jsonEvents);
    flags.put("ingest.camera.scale", "cam-gate=2");

    try (ClipstreamApp app = rig.start(flags);
        IngestRig.Reader<DetectionFrame> frames =
            rig.reader(ContractTopic.DETECTIONS, DetectionFrame.class);
        IngestRig.Reader<Event> events = rig.reader(ContractTopic.EVENTS, Event.class);
        IngestRig.Reader<byte[]> dead = rig.rawReader(ContractTopic.DEAD_LETTER);
        KafkaProducer<String, byte[]> producer = rig.producer()) {
      // DeepStream's nvmsgbroker sends without a key; the payload names the camera.
      send(producer, deepstream, null, Fixtures.bytes("deepstream-full.json"));
      send(producer, deepstream, null, Fixtures.bytes("deepstream-full-person.json"));
      send(producer, deepstream, null, Fixtures.bytes("deepstream-minimal.json"));
      send(
          producer,
          deepstream,
          "cam-2",
          json("{\"bbox\":[10,20,30,40],\"label\":\"car\",\"score\":0.6}"));
      send(producer, deepstream, "cam-2", json("{\"bbox\": [10, 20,"));
      send(producer, deepstream, null, Fixtures.bytes("deepstream-minimal-v5.json"));
      send(
          producer,
          deepstream,
          "cam-2",
          json(
              "{\"frame_width\":640,\"frame_height\":360,\"bbox\":[900,10,950,50],\"label\":\"car\",\"score\":0.5}"));
      send(
          producer,
          jsonEvents,
          "cam-gate",
          json(
              "{\"event_id\":\"gate-1\",\"trigger\":\"vehicle-entry\",\"start\":\"2024-05-24T05:53:05Z\",\"end\":\"2024-05-24T05:53:09Z\"}"));
      producer.flush();

      List<ConsumerRecord<String, DetectionFrame>> out = frames.await(4, r -> true, app);
      List<ConsumerRecord<String, byte[]>> rejected = dead.await(3, r -> true, app);
      ConsumerRecord<String, Event> event = events.await(1, r -> true, app).get(0);

      assertThat(out).extracting(ConsumerRecord::key).containsOnly("cam-gate", "cam-2");
      DetectionFrame minimal =
          out.stream()
              .map(ConsumerRecord::value)
              .filter(f -> f.getFrameIndex() != null)
              .findFirst()
              .orElseThrow();
      assertThat(minimal.getDetections())
          .extracting(Detection::getLabel)
          .containsExactly("Car", "Person");
      Detection car = minimal.getDetections().get(0);
      assertThat(
              List.of(
                  car.getBox().getX1(),
                  car.getBox().getY1(),
                  car.getBox().getX2(),
                  car.getBox().getY2()))
          .as("188|385|310|432 at scale 2")
          .containsExactly(376f, 770f, 620f, 864f);
      assertThat(out.stream().map(r -> r.value().getDetections().get(0).getLabel()))
          .contains("vehicle", "person", "car");
      assertThat(rejected)
          .extracting(
              r -> new String(r.headers().lastHeader(ERROR).value(), StandardCharsets.UTF_8))
          .anySatisfy(m -> assertThat(m).contains("not valid JSON"))
          .anySatisfy(m -> assertThat(m).contains("unknown schema version 5.0"))
          .anySatisfy(m -> assertThat(m).contains("wholly outside the 640x360 frame"));
      assertThat(rejected)
          .as("the original bytes are kept")
          .anySatisfy(
              r -> assertThat(r.value()).isEqualTo(Fixtures.bytes("deepstream-minimal-v5.json")));
      assertThat(event.key()).isEqualTo("cam-gate");
      assertThat(event.value().getTrigger()).isEqualTo("vehicle-entry");
      assertThat(frames.settle(Duration.ofSeconds(2))).as("nothing else, nothing twice").hasSize(4);
    }
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void send(
      KafkaProducer<String, byte[]> p, String topic, String key, byte[] value) {
    p.send(new ProducerRecord<>(topic, key, value));
  }
}
