package io.clipstream.planner;

import io.clipstream.contracts.DetectionFrame;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps detection frames per camera and capture time (detector clock). A frame delivered twice
 * lands on the same key, so duplicates and replays are idempotent. A frame with a box that cannot
 * be drawn anywhere (see {@link InputChecks#frameProblem}) goes to the dead-letter topic. Purging
 * is done by {@link StorePurger} from the events processor's punctuator.
 */
final class DetectionIngestProcessor implements Processor<String, DetectionFrame, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(DetectionIngestProcessor.class);
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, DetectionFrame> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    store = context.getStateStore(PlannerNames.DETECTIONS_STORE);
  }

  @Override
  public void process(Record<String, DetectionFrame> record) {
    DetectionFrame frame = record.value();
    String camera = record.key();
    if (frame == null) {
      return; // a tombstone: nothing to keep
    }
    if (!InputChecks.validCameraKey(camera)) {
      throw new InvalidInputException(
          "Detection frame of camera '"
              + frame.getCameraId()
              + "' has no usable record key ('"
              + camera
              + "'): produce cv.detections keyed by camera id");
    }
    InputChecks.frameProblem(frame, context.currentSystemTimeMs())
        .ifPresent(
            problem -> {
              throw new InvalidInputException(
                  "Detection frame of camera '"
                      + camera
                      + "' at "
                      + frame.getCaptureTime()
                      + ": "
                      + problem);
            });
    if (!camera.equals(frame.getCameraId())) {
      // The key decides the partition and therefore which task plans the camera: trust the key.
      LOG.warn(
          "Detection frame of camera '{}' arrived under key '{}'; stored under the key",
          frame.getCameraId(),
          camera);
    }
    String discriminator =
        frame.getOptionalModel().orElse("")
            + StoreKeys.SEP
            + frame.getOptionalFrameIndex().map(String::valueOf).orElse("");
    store.put(StoreKeys.timed(camera, frame.getCaptureTime().toEpochMilli(), discriminator), frame);
  }
}
