package io.clipstream.planner;

import io.clipstream.contracts.Segment;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the catalogue of recorded segments per camera and start time (recorder clock). A segment
 * announced twice (same start and URI) is stored once; one whose end is not after its start is
 * skipped because it cannot cover anything.
 */
final class SegmentIngestProcessor implements Processor<String, Segment, Void, Void> {

  private KeyValueStore<String, Segment> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(PlannerNames.SEGMENTS_STORE);
  }

  @Override
  public void process(Record<String, Segment> record) {
    Segment segment = record.value();
    String camera = record.key();
    if (segment == null) {
      return; // a tombstone: nothing to keep
    }
    if (!InputChecks.validCameraKey(camera)) {
      throw new InvalidInputException(
          "Segment "
              + segment.getUri()
              + " has no usable record key ('"
              + camera
              + "'): produce cv.segments keyed by camera id");
    }
    if (!segment.getEnd().isAfter(segment.getStart())) {
      throw new InvalidInputException(
          "Segment "
              + segment.getUri()
              + " of camera '"
              + camera
              + "' ends at "
              + segment.getEnd()
              + ", not after its start "
              + segment.getStart()
              + ": fix the recorder's segment times; this segment cannot cover any clip");
    }
    store.put(
        StoreKeys.timed(camera, segment.getStart().toEpochMilli(), segment.getUri()), segment);
  }
}
