package io.clipstream.planner;

import io.clipstream.contracts.Segment;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the catalogue of recorded segments per camera and start time (recorder clock). A segment
 * announced twice (same start and URI) is stored once; one that cannot cover anything (end not
 * after start, no frame rate or size, times in the far future) goes to the dead-letter topic.
 */
final class SegmentIngestProcessor implements Processor<String, Segment, Void, Void> {

  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, Segment> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
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
    InputChecks.segmentProblem(segment, context.currentSystemTimeMs())
        .ifPresent(
            problem -> {
              throw new InvalidInputException(
                  "Segment " + segment.getUri() + " of camera '" + camera + "' " + problem);
            });
    store.put(
        StoreKeys.timed(camera, segment.getStart().toEpochMilli(), segment.getUri()), segment);
  }
}
