package io.clipstream.planner;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Stream time of the planner is the time the data describes, not when it was produced: the capture
 * time of a detection frame, the end of a segment (when the file closed), and the latest instant an
 * event record speaks of (updated_at, else end, else start). Replaying the topics therefore replays
 * the same grace and segment-wait decisions. Anything else keeps its record timestamp.
 */
public final class PlannerTimestamps implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object value = record.value();
    Instant domain = null;
    if (value instanceof DetectionFrame d) {
      domain = d.getCaptureTime();
    } else if (value instanceof Segment s) {
      domain = s.getEnd();
    } else if (value instanceof Event e) {
      domain = e.getOptionalUpdatedAt().orElseGet(() -> e.getOptionalEnd().orElse(e.getStart()));
    }
    if (domain == null || domain.toEpochMilli() < 0) {
      return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
    return domain.toEpochMilli();
  }
}
