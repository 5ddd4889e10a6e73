package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.contracts.Event;
import io.clipstream.serde.SchemaRegistryException.Kind;
import io.clipstream.serde.StubRegistry.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestSchemaRegistryClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT_JSON = quote(Event.getClassSchema().toString());

  private StubRegistry stub;
  private StubRegistry second;

  @AfterEach
  void stopStubs() {
    if (stub != null) {
      stub.close();
    }
    if (second != null) {
      second.close();
    }
  }

  private static RestSchemaRegistryClient client(String urls, Object... keyValues) {
    Map<String, Object> config = new HashMap<>(Map.of("schema.registry.url", urls));
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new RestSchemaRegistryClient(new AvroSerdeConfig(config));
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldRegisterWithTheRegistryContentTypeAndWithoutSchemaType() throws Exception {
    stub = new StubRegistry(r -> Answer.ok("{\"id\":7}"));
    assertThat(client(stub.url()).register("cv.events-value", Event.getClassSchema())).isEqualTo(7);
    StubRegistry.Request request = stub.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/subjects/cv.events-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    Map<String, Object> body =
        JSON.readValue(request.body(), new com.fasterxml.jackson.core.type.TypeReference<>() {});
    assertThat(body.keySet()).containsExactly("schema");
    assertThat(new Schema.Parser().parse((String) body.get("schema")))
        .isEqualTo(Event.getClassSchema());
  }

  @Test
  void shouldUrlEncodeSubjectsAsOnePathSegment() throws Exception {
    stub = new StubRegistry(r -> Answer.ok("{\"id\":3}"));
    client(stub.url()).idOf("my topic/a+b-value", Event.getClassSchema());
    assertThat(stub.requests().get(0).rawPath()).isEqualTo("/subjects/my%20topic%2Fa%2Bb-value");
  }

  @Test
  void shouldLookUpIdAndVersionWithoutRegistering() throws Exception {
    stub =
        new StubRegistry(
            r ->
                Answer.ok(
                    "{\"subject\":\"cv.events-value\",\"id\":8,\"version\":2,\"schema\":"
                        + EVENT_JSON
                        + "}"));
    assertThat(client(stub.url()).lookup("cv.events-value", Event.getClassSchema()))
        .isEqualTo(new RegisteredSchema("cv.events-value", 8, 2, Event.getClassSchema()));
    assertThat(stub.requests().get(0).method()).isEqualTo("POST");
    assertThat(stub.requests().get(0).rawPath()).isEqualTo("/subjects/cv.events-value");
  }

  @Test
  void shouldKeepTheApiPathOfTheUrlLikeApicuriosCcompatRoot() throws Exception {
    stub = new StubRegistry(r -> Answer.ok("{\"schema\":" + EVENT_JSON + "}"));
    assertThat(client(stub.url() + "/apis/ccompat/v7/").byId(5)).isEqualTo(Event.getClassSchema());
    assertThat(stub.requests().get(0).rawPath()).isEqualTo("/apis/ccompat/v7/schemas/ids/5");
  }

  @Test
  void shouldFailOverToSecondUrlWhenFirstIsDown() throws Exception {
    stub = new StubRegistry(r -> Answer.ok("{\"id\":9}"));
    RestSchemaRegistryClient client = client(StubRegistry.deadUrl() + "," + stub.url());
    assertThat(client.register("s", Event.getClassSchema())).isEqualTo(9);
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void shouldFailOverOnServerErrorsAndStayWithTheUrlThatAnswered() throws Exception {
    stub = new StubRegistry(r -> Answer.error(503, 50003, "leader not available"));
    second = new StubRegistry(r -> Answer.ok("[\"a-value\"]"));
    RestSchemaRegistryClient client = client(stub.url() + "," + second.url());
    assertThat(client.subjects()).containsExactly("a-value");
    assertThat(client.subjects()).containsExactly("a-value");
    assertThat(stub.requests()).hasSize(1);
    assertThat(second.requests()).hasSize(2);
  }

  @Test
  void shouldFailOverWhenTheFirstUrlTimesOut() throws Exception {
    stub =
        new StubRegistry(
            r -> {
              sleep(1_000);
              return Answer.ok("[]");
            });
    second = new StubRegistry(r -> Answer.ok("[\"b-value\"]"));
    RestSchemaRegistryClient client =
        client(stub.url() + "," + second.url(), "http.read.timeout.ms", 200);
    assertThat(client.subjects()).containsExactly("b-value");
  }

  @Test
  void shouldNotFailOverOnAClientErrorBecauseItIsTheRegistrysAnswer() throws Exception {
    stub = new StubRegistry(r -> Answer.error(404, 40403, "Schema 5 not found"));
    second = new StubRegistry(r -> Answer.ok("{\"schema\":" + EVENT_JSON + "}"));
    assertThatThrownBy(() -> client(stub.url() + "," + second.url()).byId(5))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_NOT_FOUND));
    assertThat(second.requests()).isEmpty();
  }

  @Test
  void shouldReportEveryUrlTriedWhenNoneAnswers() throws Exception {
    String dead1 = StubRegistry.deadUrl();
    String dead2 = StubRegistry.deadUrl();
    assertThatThrownBy(
            () -> client(dead1 + "," + dead2, "registry.unavailable.retry.timeout.ms", 0).byId(1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
              assertThat(e.isRetriable()).isTrue();
            })
        .hasMessageContaining("no schema registry answered GET /schemas/ids/1 for schema id 1")
        .hasMessageContaining(dead1)
        .hasMessageContaining(dead2);
  }

  @Test
  void shouldRetryWhileNoRegistryAnswersAndSucceedOnceOneDoes() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    stub =
        new StubRegistry(
            r ->
                calls.incrementAndGet() <= 2
                    ? Answer.error(503, 50003, "restarting")
                    : Answer.ok("{\"id\":4}"));
    assertThat(client(stub.url()).register("s", Event.getClassSchema())).isEqualTo(4);
    assertThat(stub.requests()).hasSize(3);
  }

  @Test
  void shouldGiveUpRetryingAfterTheUnavailableRetryTimeout() throws Exception {
    stub = new StubRegistry(r -> Answer.error(503, 50003, "down for good"));
    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                client(stub.url(), "registry.unavailable.retry.timeout.ms", 1_200)
                    .register("s", Event.getClassSchema()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining("down for good");
    // Backoff 500 ms then the 700 ms left: three rounds, then the deadline.
    assertThat(stub.requests()).hasSize(3);
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1_200);
  }

  @Test
  void shouldNeverRetryAnAnswerOfTheRegistry() throws Exception {
    stub = new StubRegistry(r -> Answer.error(404, 40403, "Schema 5 not found"));
    assertThatThrownBy(() -> client(stub.url()).byId(5))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_NOT_FOUND));
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void shouldSendBasicAuthFromUserInfo() throws Exception {
    stub = new StubRegistry(r -> Answer.ok("[]"));
    client(
            stub.url(),
            "basic.auth.credentials.source",
            "USER_INFO",
            "basic.auth.user.info",
            "svc:p4ss")
        .subjects();
    assertThat(stub.requests().get(0).authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString("svc:p4ss".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldSendBasicAuthFromTheUrlAndNeverShowThePassword() throws Exception {
    stub = new StubRegistry(r -> Answer.error(401, 40101, "Unauthorized"));
    String url = stub.url().replace("http://", "http://svc:hunter2@");
    RestSchemaRegistryClient client = client(url);
    assertThatThrownBy(client::subjects)
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
        .hasMessageContaining("refused the credentials (basic auth as user 'svc'")
        .hasMessageContaining("check basic.auth.user.info")
        .hasMessageNotContaining("hunter2");
    assertThat(stub.requests().get(0).authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("svc:hunter2".getBytes(StandardCharsets.UTF_8)));
    assertThat(client.location()).isEqualTo(stub.url());
    assertThat(client.toString()).doesNotContain("hunter2");
  }

  @Test
  void shouldSendTheBearerToken() throws Exception {
    stub = new StubRegistry(r -> Answer.ok("[]"));
    client(
            stub.url(),
            "bearer.auth.credentials.source",
            "STATIC_TOKEN",
            "bearer.auth.token",
            "ey.tok")
        .subjects();
    assertThat(stub.requests().get(0).authorization()).isEqualTo("Bearer ey.tok");
  }

  @ParameterizedTest
  @CsvSource({
    "404, 40401, SUBJECT_NOT_FOUND, register the schema first",
    "404, 40402, VERSION_NOT_FOUND, no such version",
    "404, 40403, SCHEMA_NOT_FOUND, is not registered",
    "409, 409, INCOMPATIBLE, make the change compatible",
    "422, 42201, INVALID, as invalid",
    "403, 40301, FORBIDDEN, grant that principal access",
    "500, 50001, UNAVAILABLE, no schema registry answered"
  })
  void shouldMapRegistryErrorCodes(int status, int code, Kind kind, String remedy)
      throws Exception {
    stub = new StubRegistry(r -> Answer.error(status, code, "registry says no"));
    assertThatThrownBy(
            () ->
                client(stub.url(), "registry.unavailable.retry.timeout.ms", 0)
                    .register("cv.events-value", Event.getClassSchema()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.errorCode()).isEqualTo(kind == Kind.UNAVAILABLE ? 0 : code);
            })
        .hasMessageContaining(
            kind == Kind.UNAVAILABLE ? "subject 'cv.events-value'" : "cv.events-value")
        .hasMessageContaining(remedy)
        .hasMessageContaining("registry says no");
  }

  @Test
  void shouldHintAtTheApiRootWhenTheServerIsNotARegistry() throws Exception {
    stub = new StubRegistry(r -> new Answer(404, "<html>Not Found</html>"));
    assertThatThrownBy(() -> client(stub.url()).byId(1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OTHER))
        .hasMessageContaining("/apis/ccompat/v7")
        .hasMessageContaining("<html>Not Found</html>");
    stub.answer(r -> Answer.ok("<html>welcome</html>"));
    assertThatThrownBy(() -> client(stub.url()).byId(1)).hasMessageContaining("not JSON");
  }

  @Test
  void shouldAnswerCachedSchemasWithoutAskingTheRegistryAgain() throws Exception {
    stub =
        new StubRegistry(
            r ->
                r.rawPath().startsWith("/schemas/ids/")
                    ? Answer.ok("{\"schema\":" + EVENT_JSON + "}")
                    : Answer.ok("{\"id\":4}"));
    SchemaRegistryClient client =
        SchemaRegistryClients.create(Map.of("schema.registry.url", stub.url()));
    assertThat(client.byId(4)).isEqualTo(client.byId(4));
    assertThat(client.register("cv.events-value", Event.getClassSchema())).isEqualTo(4);
    assertThat(client.register("cv.events-value", Event.getClassSchema())).isEqualTo(4);
    assertThat(client.idOf("cv.events-value", Event.getClassSchema())).isEqualTo(4);
    assertThat(stub.requests())
        .extracting(StubRegistry.Request::rawPath)
        .containsExactly("/schemas/ids/4", "/subjects/cv.events-value/versions");
  }

  @Test
  void shouldReadTheLatestVersionWithIdAndVersion() throws Exception {
    stub =
        new StubRegistry(
            r ->
                Answer.ok(
                    "{\"subject\":\"cv.events-value\",\"id\":12,\"version\":3,\"schema\":"
                        + EVENT_JSON
                        + "}"));
    assertThat(client(stub.url()).latest("cv.events-value"))
        .isEqualTo(new RegisteredSchema("cv.events-value", 12, 3, Event.getClassSchema()));
    assertThat(stub.requests().get(0).rawPath())
        .isEqualTo("/subjects/cv.events-value/versions/latest");
  }

  @Test
  void shouldTreatAMissingSubjectAsCompatibleAndReportRegistryMessagesOtherwise() throws Exception {
    stub = new StubRegistry(r -> Answer.error(404, 40401, "Subject not found"));
    assertThat(client(stub.url()).isCompatible("new-value", Event.getClassSchema())).isTrue();
    assertThat(stub.requests().get(0).rawPath())
        .isEqualTo("/compatibility/subjects/new-value/versions/latest?verbose=true");
    stub.answer(
        r ->
            Answer.ok(
                "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE\"]}"));
    assertThat(client(stub.url()).incompatibilities("old-value", Event.getClassSchema()))
        .containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE");
    stub.answer(r -> Answer.ok("{\"is_compatible\":true}"));
    assertThat(client(stub.url()).isCompatible("old-value", Event.getClassSchema())).isTrue();
  }

  @Test
  void shouldExplainIncompatibilityLocallyWhenTheRegistryGivesNoDetails() throws Exception {
    String foo = quote(TestSchemas.foreignRecord().toString());
    stub =
        new StubRegistry(
            r ->
                r.rawPath().startsWith("/compatibility/")
                    ? Answer.ok("{\"is_compatible\":false}")
                    : Answer.ok(
                        "{\"subject\":\"foo-value\",\"id\":1,\"version\":4,\"schema\":"
                            + foo
                            + "}"));
    assertThat(
            client(stub.url())
                .incompatibilities("foo-value", TestSchemas.foreignRecordWithRequiredField()))
        .singleElement()
        .asString()
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("added")
        .contains("vs version 4");
  }

  @Test
  void shouldResolveSchemaReferencesWhenReadingById() throws Exception {
    String box =
        quote(
            "{\"type\":\"record\",\"name\":\"Box\",\"namespace\":\"x\",\"fields\":[{\"name\":\"w\",\"type\":\"int\"}]}");
    String shape =
        quote(
            "{\"type\":\"record\",\"name\":\"Shape\",\"namespace\":\"x\",\"fields\":[{\"name\":\"box\",\"type\":\"x.Box\"}]}");
    stub =
        new StubRegistry(
            r ->
                r.rawPath().equals("/schemas/ids/2")
                    ? Answer.ok(
                        "{\"schema\":"
                            + shape
                            + ",\"references\":[{\"name\":\"x.Box\",\"subject\":\"box\",\"version\":1}]}")
                    : Answer.ok(
                        "{\"subject\":\"box\",\"version\":1,\"id\":1,\"schema\":" + box + "}"));
    Schema resolved = client(stub.url()).byId(2);
    assertThat(resolved.getField("box").schema().getFullName()).isEqualTo("x.Box");
    assertThat(stub.requests())
        .extracting(StubRegistry.Request::rawPath)
        .containsExactly("/schemas/ids/2", "/subjects/box/versions/1");
  }

  @Test
  void shouldRefuseSchemasThatAreNotAvro() throws Exception {
    stub =
        new StubRegistry(
            r ->
                Answer.ok("{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}"));
    assertThatThrownBy(() -> client(stub.url()).byId(3))
        .hasMessageContaining("schema id 3 is a PROTOBUF schema, not Avro");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
