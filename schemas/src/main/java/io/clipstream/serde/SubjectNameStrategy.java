package io.clipstream.serde;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * How the registry subject of a record is named, as in Confluent's serializers.
 *
 * <p>Configured with {@code key.subject.name.strategy} / {@code value.subject.name.strategy} by
 * short name ({@code TopicNameStrategy}) or by Confluent's class name ({@code
 * io.confluent.kafka.serializers.subject.TopicNameStrategy}), so existing client configs work as
 * they are.
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
  TOPIC_NAME("TopicNameStrategy") {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return requireTopic(topic) + (isKey ? "-key" : "-value");
    }
  },
  /**
   * The record's full name, for example {@code io.clipstream.contracts.Event}: one lineage per
   * type.
   */
  RECORD_NAME("RecordNameStrategy") {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return recordName(schema);
    }
  },
  /**
   * {@code <topic>-<full record name>}: several types per topic, one lineage per topic and type.
   */
  TOPIC_RECORD_NAME("TopicRecordNameStrategy") {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return requireTopic(topic) + "-" + recordName(schema);
    }
  };

  private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

  private final String shortName;

  SubjectNameStrategy(String shortName) {
    this.shortName = shortName;
  }

  /** The subject for a record of {@code schema} written to {@code topic}, as key or value. */
  public abstract String subject(String topic, boolean isKey, Schema schema);

  /** True when the subject does not depend on the schema, so it is known before the schema is. */
  public boolean dependsOnSchema() {
    return this != TOPIC_NAME;
  }

  /** The short name used in configuration, for example {@code TopicNameStrategy}. */
  public String shortName() {
    return shortName;
  }

  /**
   * Parses a configured strategy: a short name or a Confluent class name, case-insensitively.
   *
   * @throws ConfigException naming the accepted values when {@code configured} is none of them
   */
  public static SubjectNameStrategy parse(String key, String configured) {
    String name = configured == null ? "" : configured.trim();
    if (name.startsWith(CONFLUENT_PACKAGE)) {
      name = name.substring(CONFLUENT_PACKAGE.length());
    }
    for (SubjectNameStrategy strategy : values()) {
      if (strategy.shortName.equalsIgnoreCase(name) || strategy.name().equalsIgnoreCase(name)) {
        return strategy;
      }
    }
    String accepted =
        Arrays.stream(values()).map(s -> s.shortName).collect(Collectors.joining(", "));
    throw new ConfigException(
        key,
        configured,
        "unknown subject name strategy; use one of "
            + accepted
            + " (optionally prefixed with "
            + CONFLUENT_PACKAGE
            + ")");
  }

  private static String requireTopic(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException(
          "a topic is needed to name the subject with a topic-based strategy");
    }
    return topic;
  }

  private static String recordName(Schema schema) {
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "record-name subject strategies need a record schema, got "
              + schema.getType().getName().toLowerCase(Locale.ROOT)
              + "; use TopicNameStrategy for this topic");
    }
    return schema.getFullName();
  }
}
