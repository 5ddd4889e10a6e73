package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

  @Test
  void shouldApplyConfluentDefaults() {
    AvroSerdeConfig config =
        new AvroSerdeConfig(Map.of("schema.registry.url", "http://registry:8081"));
    assertThat(config.autoRegisterSchemas()).isTrue();
    assertThat(config.useLatestVersion()).isFalse();
    assertThat(config.specificAvroReader()).isFalse();
    assertThat(config.subjectNameStrategy(false)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
    assertThat(config.credentials()).isSameAs(RegistryCredentials.NONE);
    assertThat(config.mockScope()).isNull();
  }

  @Test
  void shouldRequireARegistryUrl() {
    assertThatThrownBy(() -> new AvroSerdeConfig(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", " ")))
        .hasMessageContaining("mock://<scope> for tests");
  }

  @Test
  void shouldSplitSeveralUrlsInOrderAndDropTrailingSlashes() {
    AvroSerdeConfig config =
        new AvroSerdeConfig(
            Map.of("schema.registry.url", "http://a:8081/, https://b:8443/apis/ccompat/v7/"));
    assertThat(config.registryUrls())
        .containsExactly("http://a:8081", "https://b:8443/apis/ccompat/v7");
  }

  @Test
  void shouldTakeBasicAuthFromTheUrlAndKeepItOutOfTheUrls() {
    AvroSerdeConfig config =
        new AvroSerdeConfig(Map.of("schema.registry.url", "http://alice:s%40cret@a:8081"));
    assertThat(config.registryUrls()).containsExactly("http://a:8081");
    assertThat(config.credentials().authorizationHeader())
        .contains("Basic " + base64("alice:s@cret"));
    assertThat(config.credentials().toString()).contains("alice").doesNotContain("cret");
  }

  @Test
  void shouldImplyUserInfoSourceWhenUserInfoIsSet() {
    AvroSerdeConfig config =
        new AvroSerdeConfig(
            Map.of(
                "schema.registry.url",
                "http://a:8081",
                "basic.auth.user.info",
                "bob:pw:with:colons"));
    assertThat(config.credentials().authorizationHeader())
        .contains("Basic " + base64("bob:pw:with:colons"));
  }

  @Test
  void shouldAcceptAuthKeysWithTheSchemaRegistryPrefix() {
    AvroSerdeConfig config =
        new AvroSerdeConfig(
            Map.of(
                "schema.registry.url",
                "http://a:8081",
                "schema.registry.basic.auth.credentials.source",
                "USER_INFO",
                "schema.registry.basic.auth.user.info",
                "bob:pw"));
    assertThat(config.credentials().authorizationHeader()).contains("Basic " + base64("bob:pw"));
  }

  @Test
  void shouldRefuseUserInfoSourceWithoutUserInfo() {
    assertThatThrownBy(
            () ->
                new AvroSerdeConfig(
                    Map.of(
                        "schema.registry.url",
                        "http://a:8081",
                        "basic.auth.credentials.source",
                        "USER_INFO")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs basic.auth.user.info=user:password");
  }

  @Test
  void shouldRefuseUnsupportedCredentialSources() {
    assertThatThrownBy(
            () ->
                new AvroSerdeConfig(
                    Map.of(
                        "schema.registry.url",
                        "http://a:8081",
                        "basic.auth.credentials.source",
                        "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.credentials.source")
        .hasMessageContaining("USER_INFO");
  }

  @Test
  void shouldRefuseBasicAndBearerTogether() {
    assertThatThrownBy(
            () ->
                new AvroSerdeConfig(
                    Map.of(
                        "schema.registry.url",
                        "http://a:8081",
                        "basic.auth.user.info",
                        "bob:pw",
                        "bearer.auth.token",
                        "tok")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keep only one")
        .hasMessageNotContaining("tok ");
  }

  @Test
  void shouldBuildTheBearerHeader() {
    AvroSerdeConfig config =
        new AvroSerdeConfig(
            Map.of(
                "schema.registry.url",
                "http://a:8081",
                "bearer.auth.credentials.source",
                "STATIC_TOKEN",
                "bearer.auth.token",
                "t0ken"));
    assertThat(config.credentials().authorizationHeader()).contains("Bearer t0ken");
    assertThat(config.credentials().toString()).doesNotContain("t0ken");
    assertThat(config.toString()).doesNotContain("t0ken");
  }

  @Test
  void shouldRefuseUseLatestVersionWithAutoRegistration() {
    assertThatThrownBy(
            () ->
                new AvroSerdeConfig(
                    Map.of("schema.registry.url", "mock://x", "use.latest.version", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("set auto.register.schemas=false as well");
  }

  @Test
  void shouldRecogniseAMockScope() {
    assertThat(new AvroSerdeConfig(Map.of("schema.registry.url", "mock://demo")).mockScope())
        .isEqualTo("demo");
    assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", "mock://")))
        .hasMessageContaining("non-empty scope");
    assertThatThrownBy(
            () -> new AvroSerdeConfig(Map.of("schema.registry.url", "mock://a,http://b:1")))
        .hasMessageContaining("single mock://<scope> URL");
  }

  @Test
  void shouldRefuseNonHttpUrlsWithoutEchoingCredentials() {
    assertThatThrownBy(
            () -> new AvroSerdeConfig(Map.of("schema.registry.url", "ftp://user:secret@host")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected http(s)://host")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", "registry:8081")))
        .hasMessageContaining("expected http(s)://host");
  }

  @Test
  void shouldIgnoreKeysOfOtherComponents() {
    AvroSerdeConfig config =
        new AvroSerdeConfig(
            Map.of(
                "schema.registry.url",
                "mock://x",
                "bootstrap.servers",
                "localhost:9092",
                "application.id",
                "clipstream"));
    assertThat(config.mockScope()).isEqualTo("x");
  }

  @Test
  void shouldDocumentEveryKey() {
    for (ConfigDef.ConfigKey key : AvroSerdeConfig.CONFIG.configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
    }
  }

  private static String base64(String s) {
    return java.util.Base64.getEncoder()
        .encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
