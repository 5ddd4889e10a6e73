package io.clipstream.cli;

import static io.clipstream.backend.TestCommands.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.serde.AvroSerializer;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged service as a production registry has it: {@code auto.register.schemas=false} on
 * Apicurio, after {@code clipstream schemas register --config FILE}. It turns the sample into clips
 * (planner and renderer, state stores included), then renders and fails commands over S3 footage
 * (read through presigned URLs) and over an http server that wants a password and a token; no
 * record, side-car, failure message, dead-letter header, metric or log line names a presigned URL,
 * the S3 keys or the http credentials.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionRegistryAndSecretsIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final String HTTP_USER = "viewer";
  private static final String HTTP_PASSWORD = "pw-secret-5150";
  private static final String HTTP_TOKEN = "tok-secret-8086";
  private static final RenderOptions FAST =
      RenderOptions.newBuilder().setPreset("ultrafast").build();

  private ServiceRun run;
  private CrashInstance instance;
  private RealS3 s3;
  private HttpServer http;
  private String registerOutput;
  private final List<ConsumerRecord<String, ClipReady>> ready = new ArrayList<>();
  private KafkaConsumer<String, ClipReady> readyConsumer;

  @BeforeAll
  void start(RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    this.s3 = s3;
    run = ServiceRun.create("noautoreg", kafka.clientConfig(), registry.confluentUrl(), s3, 1);
    Path recording = firstRecording(Path.of(run.settings().get("sources.allowed.roots")));
    http = footageServer(recording);
    s3.s3Client()
        .putObject(
            r -> r.bucket(run.bucket()).key("nvr/cam-1.mp4"), RequestBody.fromFile(recording));
    s3.s3Client()
        .putObject(
            r -> r.bucket(run.bucket()).key("nvr/corrupt.mp4"),
            RequestBody.fromString("not a video at all"));
    run.settings().put("auto.register.schemas", "false");
    run.settings().put("render.preset", "veryfast");
    run.settings().put("render.workers", "2");
    run.settings()
        .put(
            "sources.allowed.roots",
            run.settings().get("sources.allowed.roots")
                + ",s3://"
                + run.bucket()
                + "/nvr,http://127.0.0.1:"
                + http.getAddress().getPort());
    registerOutput = registerSchemas();
    instance = run.start();
    readyConsumer = run.consumer(ContractTopic.CLIPS_READY, ClipReady.class, "read_committed");
  }

  @AfterAll
  void stop() throws Exception {
    if (readyConsumer != null) {
      readyConsumer.close();
    }
    if (http != null) {
      http.stop(0);
    }
    if (run != null) {
      run.deleteFiles();
    }
  }

  @Test
  @Order(1)
  void shouldTurnTheSampleIntoClipsWithAutoRegistrationOffAfterSchemasRegisterConfig()
      throws Exception {
    String app = run.label();
    assertThat(registerOutput)
        .contains(app + "-planner-planner-detections-changelog-value")
        .contains(app + "-planner-planner-events-changelog-value")
        .contains(app + "-renderer-renderer-pending-changelog-value")
        .contains(run.topic(ContractTopic.CLIPS_READY) + "-value");

    run.publish();
    ServiceRun.await(
        instance,
        readyConsumer,
        ready,
        "a clip for every sample event",
        TIMEOUT,
        () ->
            ready.stream().map(r -> r.value().getEventId()).distinct().count()
                >= run.events().size());

    assertThat(ready.stream().map(r -> r.value().getEventId())).containsAll(run.events());
    assertThat(instance.isAlive()).isTrue();
    assertThat(Files.readString(instance.log())).doesNotContain("not registered");
  }

  @Test
  @Order(2)
  void shouldNameSourcesAsGivenAndLeakNoCredentialAnywhere() throws Exception {
    String bucket = run.bucket();
    String httpRoot = "http://127.0.0.1:" + http.getAddress().getPort();
    String httpUri =
        "http://" + HTTP_USER + ":" + HTTP_PASSWORD + "@127.0.0.1:" + http.getAddress().getPort();
    Map<String, String> good =
        Map.of(
            "leak-s3-ok", "s3://" + bucket + "/nvr/cam-1.mp4",
            "leak-http-ok", httpUri + "/nvr/cam-1.mp4?token=" + HTTP_TOKEN);
    Map<String, String> bad =
        Map.of(
            "leak-s3-missing", "s3://" + bucket + "/nvr/missing.mp4",
            "leak-s3-corrupt", "s3://" + bucket + "/nvr/corrupt.mp4",
            "leak-s3-elsewhere", "s3://" + bucket + "-other/nvr/cam-1.mp4",
            "leak-http-missing", httpUri + "/nvr/missing.mp4?token=" + HTTP_TOKEN,
            "leak-http-corrupt", httpUri + "/nvr/corrupt.mp4?token=" + HTTP_TOKEN,
            "leak-http-wrong-token", httpUri + "/nvr/cam-1.mp4?token=nope",
            "leak-http-elsewhere",
                httpUri.replace("127.0.0.1", "localhost") + "/nvr/cam-1.mp4?token=" + HTTP_TOKEN);
    List<RenderCommand> commands = new ArrayList<>();
    good.forEach(
        (id, uri) -> commands.add(command(id, id, uri, 0, 3_000).setOptions(FAST).build()));
    bad.forEach((id, uri) -> commands.add(command(id, id, uri, 0, 3_000).setOptions(FAST).build()));
    commands.add(
        command("leak-s3-outside", "leak-s3-outside", good.get("leak-s3-ok"), 600_000, 603_000)
            .setOptions(FAST)
            .build());
    sendCommandsAndGarbage(commands);

    List<ConsumerRecord<String, ClipReady>> mine = new ArrayList<>();
    ServiceRun.await(
        instance,
        readyConsumer,
        ready,
        "the two clips over S3 and http",
        TIMEOUT,
        () -> ready.stream().filter(r -> good.containsKey(r.value().getClipId())).count() == 2);
    ready.stream().filter(r -> good.containsKey(r.value().getClipId())).forEach(mine::add);
    List<ClipFailed> failed = awaitFailures(bad.size() + 1);
    List<ConsumerRecord<byte[], byte[]>> deadLetters = awaitDeadLetters();

    assertThat(failed)
        .filteredOn(f -> f.getClipId().equals("leak-s3-missing"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getReason()).isEqualTo(FailureReason.SOURCE_UNREADABLE);
              assertThat(f.getMessage()).contains("s3://" + bucket + "/nvr/missing.mp4");
            });
    assertThat(failed)
        .filteredOn(f -> f.getClipId().equals("leak-s3-outside"))
        .singleElement()
        .satisfies(f -> assertThat(f.getMessage()).contains("s3://" + bucket + "/nvr/cam-1.mp4"));

    List<String> places = new ArrayList<>();
    mine.forEach(r -> places.add("clips.ready " + r.value()));
    failed.forEach(f -> places.add("clips.failed " + f));
    for (ConsumerRecord<byte[], byte[]> r : deadLetters) {
      for (Header h : r.headers()) {
        places.add(
            "dead-letter header " + h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    ObjectMapper json = new ObjectMapper();
    try (S3Client client = s3.s3Client()) {
      for (ConsumerRecord<String, ClipReady> r : mine) {
        URI sidecarUri = URI.create(r.value().getSidecarUri());
        String key = sidecarUri.getPath().substring(1);
        String sidecar =
            client
                .getObjectAsBytes(b -> b.bucket(bucket).key(key))
                .asString(StandardCharsets.UTF_8);
        places.add("side-car " + key + " " + sidecar);
        JsonNode node = json.readTree(sidecar);
        String videoName =
            Path.of(URI.create(r.value().getVideoUri()).getPath()).getFileName().toString();
        assertThat(node.path("video").path("file").asText())
            .as("side-car names the stored MP4")
            .isEqualTo(videoName);
        String source = node.path("sources").path(0).path("uri").asText();
        if (r.value().getClipId().equals("leak-s3-ok")) {
          assertThat(source).isEqualTo("s3://" + bucket + "/nvr/cam-1.mp4");
        } else {
          assertThat(source)
              .isEqualTo(
                  "http://***@127.0.0.1:"
                      + http.getAddress().getPort()
                      + "/nvr/cam-1.mp4?<query hidden>");
        }
      }
    }
    places.add("metrics " + metrics());
    places.add("log " + Files.readString(instance.log()));
    places.add("schemas register " + registerOutput);

    List<String> secrets =
        List.of("X-Amz-", s3.accessKey(), s3.secretKey(), HTTP_PASSWORD, HTTP_TOKEN);
    for (String place : places) {
      for (String secret : secrets) {
        assertThat(place)
            .as("%s must not appear in: %s", secret, abbreviate(place))
            .doesNotContain(secret);
      }
    }
    assertThat(places).anySatisfy(p -> assertThat(p).startsWith("dead-letter header"));
    assertThat(places.stream().filter(p -> p.startsWith("side-car"))).hasSize(2);
    assertThat(httpRoot).isNotEmpty();
  }

  private String registerSchemas() throws Exception {
    Path config =
        run.settingsFile(Path.of("target", "noautoreg-it", run.label(), "register.properties"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                ServiceRun.JAR.toAbsolutePath().toString(),
                "schemas",
                "register",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  private void sendCommandsAndGarbage(List<RenderCommand> commands) {
    Map<String, Object> config = new HashMap<>(run.kafkaClient());
    AvroSerializer<RenderCommand> values = new AvroSerializer<>();
    values.configure(
        Map.of(
            "schema.registry.url",
            run.settings().get("schema.registry.url"),
            "auto.register.schemas",
            false),
        false);
    String topic = run.topic(ContractTopic.RENDER_COMMANDS);
    try (KafkaProducer<String, RenderCommand> producer =
        new KafkaProducer<>(config, new StringSerializer(), values)) {
      commands.forEach(c -> producer.send(new ProducerRecord<>(topic, c.getCameraId(), c)));
    }
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(
          new ProducerRecord<>(
              topic,
              "cam-1".getBytes(StandardCharsets.UTF_8),
              "garbage".getBytes(StandardCharsets.UTF_8)));
    }
  }

  private List<ClipFailed> awaitFailures(int count) {
    List<ClipFailed> mine = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (mine.size() < count && System.nanoTime() < deadline) {
      mine.clear();
      run.readAll(ContractTopic.CLIPS_FAILED, ClipFailed.class).stream()
          .map(ConsumerRecord::value)
          .filter(f -> f.getClipId().startsWith("leak-"))
          .forEach(mine::add);
    }
    assertThat(mine).as("clips.failed answers to the bad commands").hasSize(count);
    return mine;
  }

  private List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters() {
    Map<String, Object> config = new HashMap<>(run.kafkaClient());
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      String topic = run.topic(ContractTopic.DEAD_LETTER);
      List<TopicPartition> partitions =
          c.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    assertThat(records).as("the garbage command on the dead-letter topic").isNotEmpty();
    return records;
  }

  private String metrics() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(instance.httpBase().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static Path firstRecording(Path recordings) throws IOException {
    try (Stream<Path> files = Files.walk(recordings)) {
      return files.filter(f -> f.toString().endsWith(".mp4")).sorted().findFirst().orElseThrow();
    }
  }

  /**
   * Serves {@code recording} as /nvr/cam-1.mp4 and garbage as /nvr/corrupt.mp4, with byte ranges,
   * to whoever gives the password and the token: the http source of the test.
   */
  private static HttpServer footageServer(Path recording) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((HTTP_USER + ":" + HTTP_PASSWORD).getBytes(StandardCharsets.UTF_8));
    server.createContext(
        "/nvr/",
        exchange -> {
          try (exchange) {
            if (!auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"nvr\"");
              exchange.sendResponseHeaders(401, -1);
              return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            if (query == null || !query.equals("token=" + HTTP_TOKEN)) {
              exchange.sendResponseHeaders(403, -1);
              return;
            }
            String path = exchange.getRequestURI().getPath();
            byte[] body =
                switch (path) {
                  case "/nvr/cam-1.mp4" -> Files.readAllBytes(recording);
                  case "/nvr/corrupt.mp4" -> "not a video at all".getBytes(StandardCharsets.UTF_8);
                  default -> null;
                };
            if (body == null) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            sendRange(exchange, body);
          }
        });
    server.start();
    return server;
  }

  private static void sendRange(HttpExchange exchange, byte[] body) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    int from = 0;
    int to = body.length - 1;
    if (range != null && range.startsWith("bytes=")) {
      String[] parts = range.substring(6).split("-", -1);
      from = Integer.parseInt(parts[0]);
      if (parts.length > 1 && !parts[1].isEmpty()) {
        to = Math.min(to, Integer.parseInt(parts[1]));
      }
    }
    exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
    exchange.getResponseHeaders().add("Content-Type", "video/mp4");
    if (range != null) {
      exchange
          .getResponseHeaders()
          .add("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
    }
    int length = Math.max(0, to - from + 1);
    exchange.sendResponseHeaders(range != null ? 206 : 200, length == 0 ? -1 : length);
    if (length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body, from, length);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
  }
}
