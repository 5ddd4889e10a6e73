package io.clipstream.cli;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import io.clipstream.topics.ContractTopic;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** What {@code clipstream publish} can publish: the input topics, one Avro type per JSONL line. */
enum PublishKind {
  DETECTIONS(
      ContractTopic.DETECTIONS,
      DetectionFrame.class,
      "{\"camera_id\":\"cam-1\",\"capture_time\":\"2024-05-24T05:53:06.200Z\",\"detections\":"
          + "[{\"box\":[188,385,310,432],\"label\":\"person\",\"score\":0.9,\"track_id\":7}]}"),
  EVENTS(
      ContractTopic.EVENTS,
      Event.class,
      "{\"event_id\":\"ev-1\",\"camera_id\":\"cam-1\",\"trigger\":\"loitering\","
          + "\"start\":\"2024-05-24T05:53:06Z\",\"end\":\"2024-05-24T05:53:16Z\",\"focus_track_ids\":[7]}"),
  SEGMENTS(
      ContractTopic.SEGMENTS,
      Segment.class,
      "{\"camera_id\":\"cam-1\",\"uri\":\"file:///nvr/cam-1/0553.mp4\",\"start\":1716529980000,"
          + "\"end\":1716530040000,\"fps\":25.0,\"width\":1280,\"height\":720,\"codec\":\"h264\"}");

  private final ContractTopic topic;
  private final Class<? extends SpecificRecord> type;
  private final String example;

  PublishKind(ContractTopic topic, Class<? extends SpecificRecord> type, String example) {
    this.topic = topic;
    this.type = type;
    this.example = example;
  }

  ContractTopic topic() {
    return topic;
  }

  Schema schema() {
    return topic.valueSchema().orElseThrow();
  }

  /** The generated classes' model: it knows their conversions (timestamps as {@code Instant}). */
  SpecificData model() {
    return SpecificData.getForClass(type);
  }

  /** One valid line of this kind, shown with every error. */
  String example() {
    return example;
  }
}
