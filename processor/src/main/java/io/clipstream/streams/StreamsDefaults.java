package io.clipstream.streams;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings every Clipstream topology runs with. Callers add their own handlers
 * and may override keys on the result.
 */
public final class StreamsDefaults {

  private StreamsDefaults() {}

  /**
   * Exactly-once v2, unreadable records to {@code deadLetterTopic} through {@link
   * DeadLetterDeserializationHandler}, and explicit internal names enforced.
   */
  public static Properties exactlyOnce(
      String applicationId, String bootstrapServers, Path stateDir, String deadLetterTopic) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // Outputs and store changes commit atomically: a command or clip-ready record is never doubled.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
    // No global stores here; enabling it only silences a start-up warning repeated per client.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Auto-generated names shift when the topology changes and orphan state: refuse them.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    return props;
  }
}
