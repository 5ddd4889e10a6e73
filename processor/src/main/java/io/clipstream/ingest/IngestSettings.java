package io.clipstream.ingest;

import io.clipstream.ingest.json.DetectionPayloads;
import io.clipstream.ingest.mapping.BoxScales;
import java.util.List;
import java.util.Optional;

/**
 * What the ingest role's Kafka Streams application reads and writes.
 *
 * @param detectionTopics topics of JSON detection messages (DeepStream or generic)
 * @param format the JSON shape of those messages, or AUTO to tell by the fields
 * @param eventTopics topics of generic JSON event messages
 * @param defaultCamera camera id for messages that name none and have no key
 * @param scales detector-to-recording pixel factors per camera
 * @param detectionsTopic the contract topic of detection frames
 * @param eventsTopic the contract topic of events
 * @param deadLetterTopic where unmappable messages go, with the reason in headers
 */
public record IngestSettings(
    List<String> detectionTopics,
    DetectionPayloads.Format format,
    List<String> eventTopics,
    Optional<String> defaultCamera,
    BoxScales scales,
    String detectionsTopic,
    String eventsTopic,
    String deadLetterTopic) {

  public IngestSettings {
    detectionTopics = List.copyOf(detectionTopics);
    eventTopics = List.copyOf(eventTopics);
  }

  /** True when there is a Kafka topic to translate. */
  public boolean hasKafkaInputs() {
    return !detectionTopics.isEmpty() || !eventTopics.isEmpty();
  }
}
