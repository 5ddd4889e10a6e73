package io.clipstream.serde;

import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record could not be serialized or deserialized; the message names the topic, the subject and
 * the schema id involved and says what to do.
 *
 * <p>The same facts are available as fields for error handlers and dead-letter headers. {@link
 * #isRecordProblem()} separates "this record is bad" (send it to a dead-letter topic and go on)
 * from "the infrastructure or configuration is bad" (registry down, bad credentials, schema not
 * registered: stop or retry, because every following record would fail the same way).
 */
public class AvroSerdeException extends SerializationException {

  private final String topic;
  private final boolean isKey;
  private final String subject;
  private final Integer schemaId;
  private final boolean recordProblem;

  public AvroSerdeException(
      String message,
      String topic,
      boolean isKey,
      String subject,
      Integer schemaId,
      boolean recordProblem,
      Throwable cause) {
    super(message, cause);
    this.topic = topic;
    this.isKey = isKey;
    this.subject = subject;
    this.schemaId = schemaId;
    this.recordProblem = recordProblem;
  }

  /** The topic of the record; may be null when a caller serialized without one. */
  public String topic() {
    return topic;
  }

  /** True when the failing part was the record key, false for the value. */
  public boolean isKey() {
    return isKey;
  }

  /** The registry subject involved, when it was known at the point of failure. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** The schema id involved, when it was known at the point of failure. */
  public Optional<Integer> schemaId() {
    return Optional.ofNullable(schemaId);
  }

  /**
   * True when the record's own bytes or content are at fault (not Confluent wire format, unknown
   * schema id, corrupt payload, a writer schema the reader cannot read); false when retrying or
   * fixing configuration or the registry would let the same record through.
   */
  public boolean isRecordProblem() {
    return recordProblem;
  }
}
