package io.clipstream.planner;

import io.clipstream.streams.StreamsDefaults;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration the planner is meant to run with. */
public final class PlannerStreamsConfig {

  private PlannerStreamsConfig() {}

  /**
   * {@link StreamsDefaults#exactlyOnce} with the planner's dead-letter topic, plus {@link
   * PlannerProcessingHandler} for input the planner refuses. Callers may add or override keys on
   * the result.
   */
  public static Properties streamsConfig(
      PlannerSettings settings, String applicationId, String bootstrapServers, Path stateDir) {
    Properties props =
        StreamsDefaults.exactlyOnce(
            applicationId, bootstrapServers, stateDir, settings.topics().deadLetter());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        PlannerProcessingHandler.class.getName());
    return props;
  }
}
