package io.clipstream.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The {@code kafka.*} pass-through: {@code kafka.security.protocol} reaches the clients as {@code
 * security.protocol}. Names no Kafka client knows only produce a warning, because Kafka itself
 * accepts custom keys (for interceptors, login callbacks), but the warning names the closest known
 * setting so a typo in, say, a SASL setting does not go unnoticed.
 */
final class KafkaKeys {

  /** Kafka Streams' prefixes for settings of one client or of internal topics. */
  private static final List<String> STREAMS_PREFIXES =
      List.of(
          StreamsConfig.MAIN_CONSUMER_PREFIX,
          StreamsConfig.RESTORE_CONSUMER_PREFIX,
          StreamsConfig.GLOBAL_CONSUMER_PREFIX,
          StreamsConfig.CONSUMER_PREFIX,
          StreamsConfig.PRODUCER_PREFIX,
          StreamsConfig.ADMIN_CLIENT_PREFIX);

  private static final Set<String> KNOWN = known();

  private KafkaKeys() {}

  /** {@code kafka.x} as the client setting {@code x}. */
  static String clientName(String key) {
    return key.substring(ConfigKeys.KAFKA_PREFIX.length());
  }

  /** A warning when no Kafka client knows the setting {@code key} passes on. */
  static Optional<String> warning(String key, ConfigSource source) {
    String name = clientName(key);
    if (name.startsWith(StreamsConfig.TOPIC_PREFIX)) {
      return Optional.empty(); // internal topic settings: any topic config
    }
    for (String prefix : STREAMS_PREFIXES) {
      if (name.startsWith(prefix)) {
        name = name.substring(prefix.length());
        break;
      }
    }
    if (KNOWN.contains(name)) {
      return Optional.empty();
    }
    String hint =
        Suggestions.closest(name, KNOWN).map(s -> "; did you mean kafka." + s + "?").orElse("");
    return Optional.of(
        key
            + " (from "
            + source
            + ") is passed to the Kafka clients as "
            + name
            + ", which no Kafka client declares"
            + hint);
  }

  private static Set<String> known() {
    Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
    names.addAll(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    return Set.copyOf(names);
  }
}
