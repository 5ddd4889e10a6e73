package io.clipstream.config;

import io.clipstream.serde.AvroSerdeConfig;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The one declaration of every key ({@link #DEFINITION}), which keys are accepted besides the
 * declared ones, and how environment variables map to keys.
 *
 * <p>Accepted besides the declared keys: the serde's keys (declared by {@link AvroSerdeConfig},
 * {@code basic.auth.*} and {@code bearer.auth.*} also with the {@code schema.registry.} prefix),
 * {@code kafka.<client setting>} passed to the Kafka clients without the prefix, and the planner's
 * per-trigger and per-camera keys.
 */
final class ConfigKeys {

  static final String ENV_PREFIX = "CLIPSTREAM_";
  static final String KAFKA_PREFIX = "kafka.";

  /** Every declared key, in documentation order. */
  static final ConfigDef DEFINITION =
      IngestKeys.define(
          ProvenanceKeys.define(
              RecorderKeys.define(
                  StorageKeys.define(
                      RenderKeys.define(
                          RedactionKeys.define(
                              PlannerKeys.define(
                                  TopicKeys.define(
                                      GroupKeys.define(ServiceKeys.define(new ConfigDef()))))))))));

  /** Serde keys accepted at top level and handed to the serde, except the declared URL. */
  static final Set<String> SERDE_KEYS = serdeKeys();

  /** Kafka keys that would silently bypass a declared key. */
  static final Map<String, String> KAFKA_SHADOWED =
      Map.of(
          "kafka.application.id", ServiceKeys.APPLICATION_ID,
          "kafka.state.dir", ServiceKeys.STATE_DIR,
          "kafka.group.instance.id", GroupKeys.INSTANCE_ID,
          "kafka.session.timeout.ms", GroupKeys.SESSION_TIMEOUT_MS,
          "kafka.heartbeat.interval.ms", GroupKeys.HEARTBEAT_INTERVAL_MS,
          "kafka.num.standby.replicas", GroupKeys.STANDBY_REPLICAS,
          "kafka.task.assignor.class", GroupKeys.TASK_ASSIGNOR);

  private static final Map<String, String> ENV_TO_KEY = envIndex();
  private static final Pattern ENV_TRIGGER =
      Pattern.compile("PLANNER_TRIGGER_(.+)_(PREROLL|POSTROLL)_MS");
  private static final Pattern ENV_CAMERA = Pattern.compile("PLANNER_CAMERA_(.+)_CLOCK_OFFSET_MS");

  private ConfigKeys() {}

  /** What a key is. */
  enum Kind {
    DECLARED,
    SERDE,
    DYNAMIC,
    KAFKA,
    UNKNOWN
  }

  static Kind kind(String key) {
    if (DEFINITION.configKeys().containsKey(key)) {
      return Kind.DECLARED;
    } else if (SERDE_KEYS.contains(key)) {
      return Kind.SERDE;
    } else if (PlannerKeys.isDynamic(key)) {
      return Kind.DYNAMIC;
    } else if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
      return Kind.KAFKA;
    }
    return Kind.UNKNOWN;
  }

  /** {@code CLIPSTREAM_} + the key in upper case with {@code .} and {@code -} as {@code _}. */
  static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The key an environment variable sets. Declared and serde keys are matched by their {@link
   * #envName}, since {@code _} could stand for {@code .}, {@code -} or itself; for the rest the
   * documented rules apply: the trigger name or camera id is lower-cased with {@code _} kept, and
   * {@code CLIPSTREAM_KAFKA_X_Y} is {@code kafka.x.y} (Kafka's keys contain only dots).
   */
  static Optional<String> keyForEnv(String variable) {
    if (!variable.startsWith(ENV_PREFIX)) {
      return Optional.empty();
    }
    String exact = ENV_TO_KEY.get(variable);
    if (exact != null) {
      return Optional.of(exact);
    }
    String rest = variable.substring(ENV_PREFIX.length());
    Matcher t = ENV_TRIGGER.matcher(rest);
    Matcher c = ENV_CAMERA.matcher(rest);
    if (t.matches()) {
      return Optional.of("planner.trigger." + lower(t.group(1)) + "." + lower(t.group(2)) + ".ms");
    } else if (c.matches()) {
      return Optional.of("planner.camera." + lower(c.group(1)) + ".clock.offset.ms");
    } else if (rest.startsWith("KAFKA_") && rest.length() > "KAFKA_".length()) {
      return Optional.of(KAFKA_PREFIX + lower(rest.substring("KAFKA_".length())).replace('_', '.'));
    }
    return Optional.empty();
  }

  /** The variables of the declared and serde keys. */
  static Set<String> envNames() {
    return ENV_TO_KEY.keySet();
  }

  /** Keys a misspelt {@code key} is compared with for a suggestion. */
  static Set<String> candidates(String key) {
    Set<String> all = new LinkedHashSet<>(DEFINITION.names());
    all.addAll(SERDE_KEYS);
    Matcher named = Pattern.compile("planner\\.(trigger|camera)\\.([^.]+)\\..*").matcher(key);
    if (named.matches()) {
      String name = named.group(2);
      all.add("planner.trigger." + name + ".preroll.ms");
      all.add("planner.trigger." + name + ".postroll.ms");
      all.add("planner.camera." + name + ".clock.offset.ms");
    }
    return all;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static Set<String> serdeKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (String name : AvroSerdeConfig.CONFIG.names()) {
      keys.add(name);
      if (name.startsWith("basic.auth.") || name.startsWith("bearer.auth.")) {
        keys.add("schema.registry." + name); // Confluent's prefixed spelling, accepted by the serde
      }
    }
    keys.remove(ServiceKeys.SCHEMA_REGISTRY_URL);
    return Set.copyOf(keys);
  }

  private static Map<String, String> envIndex() {
    Map<String, String> index = new HashMap<>();
    Set<String> keys = new LinkedHashSet<>(DEFINITION.names());
    keys.addAll(SERDE_KEYS);
    for (String key : keys) {
      String previous = index.put(envName(key), key);
      if (previous != null) {
        // A declaration error, caught by the first test that loads a configuration.
        throw new IllegalStateException(key + " and " + previous + " share " + envName(key));
      }
    }
    return Map.copyOf(index);
  }
}
