package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.topics.ContractTopic;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * One key per topic of the contract table ({@link ContractTopic}): {@code topic.} followed by the
 * constant's name in lower case with {@code -} ({@code RENDER_COMMANDS} is {@code
 * topic.render-commands}).
 */
public final class TopicKeys {

  private TopicKeys() {}

  /** The key naming {@code topic}. */
  public static String key(ContractTopic topic) {
    return "topic." + topic.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static ConfigDef define(ConfigDef def) {
    for (ContractTopic topic : ContractTopic.values()) {
      def.define(
          key(topic),
          Type.STRING,
          topic.defaultName(),
          Checks.of(
              "a Kafka topic name (letters, digits, '.', '_', '-')",
              v -> v.toString().matches("[A-Za-z0-9._-]{1,249}") ? null : "not a topic name"),
          MEDIUM,
          "Name of the topic of "
              + describe(topic)
              + " (keyed by "
              + topic.key()
              + "); see docs/contracts.md.");
    }
    return def;
  }

  private static String describe(ContractTopic topic) {
    return switch (topic) {
      case DETECTIONS -> "detection frames";
      case EVENTS -> "events";
      case SEGMENTS -> "recorded segments";
      case RENDER_COMMANDS -> "render commands";
      case CLIPS_READY -> "clip-ready records";
      case CLIPS_FAILED -> "clip-failed records";
      case DEAD_LETTER -> "records no stage could read (original bytes, error in headers)";
    };
  }
}
