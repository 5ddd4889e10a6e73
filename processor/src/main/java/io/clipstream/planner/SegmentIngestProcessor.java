package io.clipstream.planner;

import io.clipstream.contracts.Segment;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalogue of recorded segments per camera and start time (recorder clock). A segment
 * announced twice (same start and URI) is stored once; one whose end is not after its start is
 * skipped because it cannot cover anything.
 */
final class SegmentIngestProcessor implements Processor<String, Segment, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentIngestProcessor.class);
  private KeyValueStore<String, Segment> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(PlannerNames.SEGMENTS_STORE);
  }

  @Override
  public void process(Record<String, Segment> record) {
    Segment segment = record.value();
    String camera = record.key();
    if (segment == null || !InputChecks.validCameraKey(camera)) {
      LOG.warn("Skipping a segment without a usable camera key (key {})", camera);
      return;
    }
    if (!segment.getEnd().isAfter(segment.getStart())) {
      LOG.warn(
          "Skipping segment {} of camera '{}': end {} is not after start {}",
          segment.getUri(),
          camera,
          segment.getEnd(),
          segment.getStart());
      return;
    }
    store.put(
        StoreKeys.timed(camera, segment.getStart().toEpochMilli(), segment.getUri()), segment);
  }
}
