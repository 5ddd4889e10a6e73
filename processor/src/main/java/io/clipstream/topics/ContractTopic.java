package io.clipstream.topics;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.Segment;
import java.util.Optional;
import org.apache.avro.Schema;

/** The topics of the contract table: default name, what the key is, and the Avro value type. */
public enum ContractTopic {
  DETECTIONS("cv.detections", "camera id", DetectionFrame.getClassSchema()),
  EVENTS("cv.events", "camera id", Event.getClassSchema()),
  SEGMENTS("cv.segments", "camera id", Segment.getClassSchema()),
  RENDER_COMMANDS("clips.render-commands", "camera id", RenderCommand.getClassSchema()),
  CLIPS_READY("clips.ready", "event id", ClipReady.getClassSchema()),
  CLIPS_FAILED("clips.failed", "event id", ClipFailed.getClassSchema()),
  /** Input no stage could read: the original bytes, with the error in headers. Not Avro. */
  DEAD_LETTER("clips.dead-letter", "original key", null);

  private final String defaultName;
  private final String key;
  private final Schema valueSchema;

  ContractTopic(String defaultName, String key, Schema valueSchema) {
    this.defaultName = defaultName;
    this.key = key;
    this.valueSchema = valueSchema;
  }

  public String defaultName() {
    return defaultName;
  }

  /** What the record key holds, in words (keys are plain UTF-8 strings). */
  public String key() {
    return key;
  }

  /** The Avro value schema; empty for the dead-letter topic, which keeps the original bytes. */
  public Optional<Schema> valueSchema() {
    return Optional.ofNullable(valueSchema);
  }
}
