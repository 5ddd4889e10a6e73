package io.clipstream.config;

import java.util.Collection;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which values must never be printed, and their masking. Pass-through keys are not declared here,
 * so secrecy is also decided by name, the way Kafka's own names spell secrets.
 */
final class Secrets {

  static final String HIDDEN = "[hidden]";

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(password|secret|jaas\\.config|token|user\\.info|credentials|\\.key)$");
  private static final Pattern URL_USER_INFO = Pattern.compile("://[^/@\\s,]+@");

  private Secrets() {}

  static boolean isSecret(String key) {
    ConfigDef.ConfigKey declared = ConfigKeys.DEFINITION.configKeys().get(key);
    ConfigDef.ConfigKey serde =
        io.clipstream.serde.AvroSerdeConfig.CONFIG
            .configKeys()
            .get(key.replaceFirst("^schema\\.registry\\.(basic|bearer)", "$1"));
    return (declared != null && declared.type == ConfigDef.Type.PASSWORD)
        || (serde != null && serde.type == ConfigDef.Type.PASSWORD)
        || SECRET_NAME.matcher(key).matches();
  }

  /** The value as it may be shown: hidden when secret, else with URL credentials hidden. */
  static String mask(String key, String value) {
    if (value == null) {
      return null;
    }
    return isSecret(key) ? HIDDEN : URL_USER_INFO.matcher(value).replaceAll("://" + HIDDEN + "@");
  }

  /** {@code text} with every secret value and URL credentials replaced. */
  static String scrub(String text, Collection<String> secretValues) {
    String out = text;
    for (String secret : secretValues) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, HIDDEN);
      }
    }
    return URL_USER_INFO.matcher(out).replaceAll("://" + HIDDEN + "@");
  }
}
