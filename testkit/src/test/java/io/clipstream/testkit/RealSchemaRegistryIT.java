package io.clipstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@WithRealComponents
class RealSchemaRegistryIT {

  private static final String CLIP_V1 =
      "{\"type\":\"record\",\"name\":\"Clip\",\"namespace\":\"io.clipstream.it\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

  /** Adds a field without a default: old data cannot be read with it, so BACKWARD forbids it. */
  private static final String CLIP_V2_INCOMPATIBLE =
      "{\"type\":\"record\",\"name\":\"Clip\",\"namespace\":\"io.clipstream.it\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"frames\",\"type\":\"int\"}]}";

  /** Adds a field with a default: BACKWARD compatible. */
  private static final String CLIP_V2_COMPATIBLE =
      "{\"type\":\"record\",\"name\":\"Clip\",\"namespace\":\"io.clipstream.it\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"frames\",\"type\":\"int\",\"default\":0}]}";

  private RegistryHttp http;
  private String subject;

  @BeforeEach
  void setUp(RealSchemaRegistry registry) {
    http = new RegistryHttp(registry.confluentUrl());
    subject = "it-" + UUID.randomUUID() + "-value";
  }

  @Test
  void shouldEnforceBackwardCompatibilityGlobally() throws Exception {
    RegistryHttp.Response config = http.get("/config");

    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }

  @Test
  void shouldRegisterAnAvroSchemaAndServeItBackById() throws Exception {
    RegistryHttp.Response registered =
        http.postSchema("/subjects/" + subject + "/versions", CLIP_V1);
    assertThat(registered.status()).isEqualTo(200);
    int id = registered.json().path("id").asInt();

    RegistryHttp.Response byId = http.get("/schemas/ids/" + id);
    assertThat(byId.status()).isEqualTo(200);
    assertThat(RegistryHttp.JSON.readTree(byId.json().path("schema").asText()))
        .isEqualTo(RegistryHttp.JSON.readTree(CLIP_V1));

    RegistryHttp.Response again = http.postSchema("/subjects/" + subject + "/versions", CLIP_V1);
    assertThat(again.json().path("id").asInt()).as("same schema, same id").isEqualTo(id);

    RegistryHttp.Response lookup = http.postSchema("/subjects/" + subject, CLIP_V1);
    assertThat(lookup.status()).isEqualTo(200);
    assertThat(lookup.json().path("id").asInt()).isEqualTo(id);
    assertThat(lookup.json().path("version").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRefuseIncompatibleSchemaWith409() throws Exception {
    http.postSchema("/subjects/" + subject + "/versions", CLIP_V1);

    RegistryHttp.Response refused =
        http.postSchema("/subjects/" + subject + "/versions", CLIP_V2_INCOMPATIBLE);
    RegistryHttp.Response accepted =
        http.postSchema("/subjects/" + subject + "/versions", CLIP_V2_COMPATIBLE);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("error_code").asInt()).isEqualTo(409);
    assertThat(refused.json().path("message").asText()).contains("Incompatible");
    assertThat(accepted.status()).isEqualTo(200);
  }

  @Test
  void shouldAnswer40403ForAnUnknownSchemaId() throws Exception {
    RegistryHttp.Response missing = http.get("/schemas/ids/987654");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("error_code").asInt()).isEqualTo(40403);
  }

  @Test
  void shouldAnswer40401WhenLookingUpASchemaUnderAMissingSubject() throws Exception {
    RegistryHttp.Response missing = http.postSchema("/subjects/" + subject, CLIP_V1);

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("error_code").asInt()).isEqualTo(40401);
  }

  @Test
  void shouldAnswer40403WhenLookingUpAnUnregisteredSchemaUnderAnExistingSubject() throws Exception {
    http.postSchema("/subjects/" + subject + "/versions", CLIP_V1);

    RegistryHttp.Response missing = http.postSchema("/subjects/" + subject, CLIP_V2_COMPATIBLE);

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("error_code").asInt()).isEqualTo(40403);
  }

  @Test
  @ResourceLock(RealComponents.SCHEMA_REGISTRY_LOCK)
  void shouldComeBackOnTheSamePortWithItsSchemasAfterARestart(RealSchemaRegistry registry)
      throws Exception {
    int id =
        http.postSchema("/subjects/" + subject + "/versions", CLIP_V1).json().path("id").asInt();
    int port = registry.port();

    registry.stop();
    try {
      assertThat(registry.isRunning()).isFalse();
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(URI.create(registry.confluentUrl() + "/config"))
                              .build(),
                          HttpResponse.BodyHandlers.discarding()))
          .isInstanceOf(IOException.class);
    } finally {
      registry.start();
    }

    assertThat(registry.port()).isEqualTo(port);
    assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
    assertThat(http.get("/config").json().path("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
  }
}
