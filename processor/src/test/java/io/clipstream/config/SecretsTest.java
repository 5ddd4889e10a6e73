package io.clipstream.config;

import static io.clipstream.config.ConfigLoaderTest.REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {

  static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cr3t-jaas\";";

  @Test
  void shouldHideSecretsInTheSummaryAndToString() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("schema.registry.url", "http://reg-user:reg-pass-1@registry:8081");
    flags.put("kafka.sasl.jaas.config", JAAS);
    flags.put("kafka.ssl.truststore.password", "trust-pass-2");
    flags.put("schema.registry.ssl.truststore.password", "trust-pass-3");
    ClipstreamConfig config =
        ConfigLoader.load(Optional.empty(), Map.of(), flags, ConfigLoaderTest.MACHINE);

    for (String text : new String[] {config.describe(), config.toString()}) {
      assertThat(text)
          .doesNotContain("reg-pass-1", "s3cr3t-jaas", "trust-pass-2", "trust-pass-3")
          .contains("kafka.sasl.jaas.config = [hidden]  (command-line flag kafka.sasl.jaas.config)")
          .contains("schema.registry.url = http://[hidden]@registry:8081");
    }
    // The clients still get the real values.
    assertThat(config.kafkaClientProperties()).containsEntry("sasl.jaas.config", JAAS);
  }

  @Test
  void shouldHideSecretsInValidationErrors() {
    Map<String, String> env = new HashMap<>();
    env.put("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "b:9092");
    env.put("CLIPSTREAM_SCHEMA_REGISTRY_URL", "mock://s");
    env.put("CLIPSTREAM_SOURCES_ALLOWED_ROOTS", "/srv");
    env.put("CLIPSTREAM_BASIC_AUTH_USER_INFO", "no-colon-secret-4");
    env.put("CLIPSTREAM_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO");
    try {
      ConfigLoader.load(Optional.empty(), env, Map.of(), ConfigLoaderTest.MACHINE);
    } catch (ConfigValidationException e) {
      assertThat(e.getMessage()).contains("schema registry settings").doesNotContain("secret-4");
      return;
    }
    throw new AssertionError("user info without a colon was accepted");
  }

  @Test
  void shouldRecogniseSecretsByDeclarationAndByName() {
    assertThat(Secrets.isSecret("bearer.auth.token")).isTrue();
    assertThat(Secrets.isSecret("schema.registry.basic.auth.user.info")).isTrue();
    assertThat(Secrets.isSecret("kafka.ssl.key.password")).isTrue();
    assertThat(Secrets.isSecret("kafka.ssl.keystore.key")).isTrue();
    assertThat(Secrets.isSecret("kafka.sasl.oauthbearer.client.credentials.client.secret"))
        .isTrue();
    assertThat(Secrets.isSecret("basic.auth.credentials.source")).isFalse();
    assertThat(Secrets.isSecret("render.workers")).isFalse();
  }
}
