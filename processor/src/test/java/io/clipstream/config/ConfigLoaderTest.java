package io.clipstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.topics.ContractTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final Machine MACHINE = new Machine(8, 16L << 30, 4L << 30);
  static final Map<String, String> REQUIRED =
      Map.of(
          "kafka.bootstrap.servers", "broker:9092",
          "schema.registry.url", "mock://config-test",
          "sources.allowed.roots", "/srv/nvr");

  @TempDir Path dir;

  Path file(String content) throws IOException {
    Path path = dir.resolve("clipstream.properties");
    Files.writeString(path, content);
    return path;
  }

  static ClipstreamConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
    return ConfigLoader.load(Optional.ofNullable(file), env, flags, MACHINE);
  }

  static ConfigValidationException failure(
      Path file, Map<String, String> env, Map<String, String> flags) {
    try {
      load(file, env, flags);
    } catch (ConfigValidationException e) {
      return e;
    }
    throw new AssertionError("configuration was accepted");
  }

  @Test
  void shouldPreferFlagsOverEnvironmentOverFileOverDefaults() throws IOException {
    Path file = file("render.workers=2\nrender.crf=20\nrender.hold.ms=100\n");
    Map<String, String> env =
        Map.of("CLIPSTREAM_RENDER_WORKERS", "3", "CLIPSTREAM_RENDER_CRF", "21");
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("render.workers", "4");

    ClipstreamConfig config = load(file, env, flags);

    assertThat(config.render().workers()).isEqualTo(4);
    assertThat(config.render().crf()).isEqualTo(21);
    assertThat(config.render().hold().toMillis()).isEqualTo(100);
    assertThat(config.render().preset()).isEqualTo("veryfast");
    assertThat(config.sourceOf("render.workers")).isEqualTo(ConfigSource.flag("render.workers"));
    assertThat(config.sourceOf("render.crf")).isEqualTo(ConfigSource.env("CLIPSTREAM_RENDER_CRF"));
    assertThat(config.sourceOf("render.hold.ms")).isEqualTo(ConfigSource.file(file));
    assertThat(config.sourceOf("render.preset")).isEqualTo(ConfigSource.DEFAULT);
  }

  @Test
  void shouldTreatBlankValuesAsUnsetSoLowerLayersApply() throws IOException {
    ClipstreamConfig config =
        load(file("render.crf=30\n"), Map.of("CLIPSTREAM_RENDER_CRF", " "), REQUIRED);
    assertThat(config.render().crf()).isEqualTo(30);
  }

  @Test
  void shouldMapEnvironmentVariablesToDeclaredKeys() {
    Map<String, String> env = new HashMap<>();
    env.put("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "a:9092,b:9092");
    env.put("CLIPSTREAM_SCHEMA_REGISTRY_URL", "mock://env");
    env.put("CLIPSTREAM_SOURCES_ALLOWED_ROOTS", "/srv/nvr,s3://bucket/prefix");
    env.put("CLIPSTREAM_TOPIC_RENDER_COMMANDS", "my.commands");
    env.put("CLIPSTREAM_PLANNER_SEGMENT_WAIT_MS", "1000");
    env.put("CLIPSTREAM_STORAGE_S3_PATH_STYLE", "true");
    env.put("CLIPSTREAM_PLANNER_TRIGGER_LINE_CROSS_PREROLL_MS", "9000");
    env.put("CLIPSTREAM_PLANNER_CAMERA_CAM7_CLOCK_OFFSET_MS", "-40");
    env.put("CLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("CLIPSTREAM_AUTO_REGISTER_SCHEMAS", "false");
    env.put("CLIPSTREAM_REGISTRY_JAVA", "/usr/lib/jvm/21"); // another tool's variable
    env.put("CLIPSTREAM_RENDER_WORKER", "3");
    env.put("PATH", "/usr/bin");

    ClipstreamConfig config = load(null, env, Map.of());

    assertThat(config.bootstrapServers()).isEqualTo("a:9092,b:9092");
    assertThat(config.topic(ContractTopic.RENDER_COMMANDS)).isEqualTo("my.commands");
    assertThat(config.storage().pathStyle()).isTrue();
    assertThat(config.toPlannerSettings().segmentWait().toMillis()).isEqualTo(1000);
    assertThat(config.toPlannerSettings().triggerOverrides().get("line_cross").getPreRollMs())
        .isEqualTo(9000L);
    assertThat(config.toPlannerSettings().clockOffset("cam7").toMillis()).isEqualTo(-40);
    assertThat(config.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.serdeConfig()).containsEntry("auto.register.schemas", "false");
    assertThat(config.warnings())
        .contains(
            "CLIPSTREAM_REGISTRY_JAVA matches no configuration key and is ignored",
            "CLIPSTREAM_RENDER_WORKER matches no configuration key and is ignored; did you mean"
                + " CLIPSTREAM_RENDER_WORKERS?");
    assertThat(config.describe())
        .contains("render.workers = 4  (derived from 8 cores)")
        .contains(
            "planner.segment.wait.ms = 1000  (environment variable CLIPSTREAM_PLANNER_SEGMENT_WAIT_MS)")
        .contains("storage.s3.endpoint = (unset)  (default)");
  }

  @Test
  void shouldRefuseAnUnknownFileKeyAndSuggestTheClosest() throws IOException {
    Path file =
        file("planner.prerol.ms=3000\nrender.worker=2\nplanner.trigger.person.prerol.ms=1\n");
    ConfigValidationException e = failure(file, Map.of(), REQUIRED);
    assertThat(e.problems())
        .contains(
            "unknown key planner.prerol.ms (from file "
                + file
                + "): did you mean planner.preroll.ms?",
            "unknown key render.worker (from file " + file + "): did you mean render.workers?",
            "unknown key planner.trigger.person.prerol.ms (from file "
                + file
                + "): did you mean planner.trigger.person.preroll.ms?");
  }

  @Test
  void shouldRefuseUnknownFlagsAndSchemaRegistryKeysTheSerdeWouldIgnore() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("schema.registry.ssl.trustore.location", "/x");
    ConfigValidationException e = failure(null, Map.of(), flags);
    assertThat(e.getMessage())
        .contains("unknown key schema.registry.ssl.trustore.location (from command-line flag")
        .contains("did you mean schema.registry.ssl.truststore.location?");
  }

  @Test
  void shouldNameKeyValueSourceAndExpectedFormInEveryValidationError() throws IOException {
    Path file = file("render.crf=99\nplanner.overlap.policy=sometimes\nroles=planner,rendrer\n");
    Map<String, String> env =
        Map.of("CLIPSTREAM_RENDER_WORKERS", "many", "CLIPSTREAM_HTTP_PORT", "-1");
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("storage.s3.path.style", "yes");
    flags.put("planner.camera.cam1.clock.offset.ms", "1s");

    ConfigValidationException e = failure(file, env, flags);

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "roles = 'planner,rendrer' (from file "
                + file
                + "): unknown item 'rendrer'; expected"
                + " a comma-separated list of planner, renderer, recorder, ingest",
            "http.port = '-1' (from environment variable CLIPSTREAM_HTTP_PORT): out of range;"
                + " expected an integer, between 0 and 65535",
            "planner.overlap.policy = 'sometimes' (from file "
                + file
                + "): not a known value;"
                + " expected a string, one of per_event, merge",
            "render.workers = 'many' (from environment variable CLIPSTREAM_RENDER_WORKERS):"
                + " expected an integer, at least 1",
            "render.crf = '99' (from file "
                + file
                + "): out of range; expected an integer,"
                + " between 0 and 51",
            "storage.s3.path.style = 'yes' (from command-line flag storage.s3.path.style):"
                + " expected true or false",
            "planner.camera.cam1.clock.offset.ms = '1s' (from command-line flag"
                + " planner.camera.cam1.clock.offset.ms): expected a whole number of milliseconds");
  }

  @Test
  void shouldNameHowToSetMissingRequiredKeys() {
    ConfigValidationException e = failure(null, Map.of(), Map.of("sources.allowed.roots", "/a"));
    assertThat(e.problems())
        .contains(
            "kafka.bootstrap.servers is required: set it in the properties file, as"
                + " CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS or with a flag (host:port[,host:port...])");
    assertThat(e.getMessage()).contains("schema.registry.url is required");
  }

  @Test
  void shouldRequireSourceRootsOnlyWhenTheRendererRuns() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.remove("sources.allowed.roots");
    assertThat(failure(null, Map.of(), flags).getMessage())
        .contains("sources.allowed.roots is empty but the renderer role runs");
    flags.put("roles", "planner");
    assertThat(load(null, Map.of(), flags).roles()).containsExactly(Role.PLANNER);
  }

  @Test
  void shouldReportInconsistentPlannerSettingsWithTheirKeys() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("planner.detection.retention.ms", "1000");
    assertThat(failure(null, Map.of(), flags).getMessage())
        .contains("planner settings: detectionRetention PT1S is shorter than");
  }

  @Test
  void shouldRefuseKafkaKeysThatBypassDeclaredOnes() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("kafka.application.id", "other");
    assertThat(failure(null, Map.of(), flags).getMessage())
        .contains(
            "kafka.application.id (from command-line flag kafka.application.id) is set by"
                + " application.id; use that key");
  }

  @Test
  void shouldGiveEveryStreamsClientTheFailoverDefaultsAndTheInstanceIdForStaticMembership() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    assertThat(load(null, Map.of(), flags).streamsGroupProperties())
        .containsEntry("session.timeout.ms", 6000)
        .containsEntry("heartbeat.interval.ms", 1500)
        .containsEntry("num.standby.replicas", 1)
        .containsEntry("task.assignor.class", "io.clipstream.streams.StandbyAwareStickyAssignor")
        .doesNotContainKey("group.instance.id");

    ClipstreamConfig pod = load(null, Map.of("CLIPSTREAM_INSTANCE_ID", "clipstream-2"), flags);
    assertThat(pod.streamsGroupProperties()).containsEntry("group.instance.id", "clipstream-2");
  }

  @Test
  void shouldLeaveKafkaStreamsItsOwnAssignorOrTakeAnAssignorClassWhenAsked() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("group.task.assignor", "high-availability");
    assertThat(load(null, Map.of(), flags).streamsGroupProperties())
        .doesNotContainKey("task.assignor.class");

    String sticky = "org.apache.kafka.streams.processor.assignment.assignors.StickyTaskAssignor";
    flags.put("group.task.assignor", sticky);
    assertThat(load(null, Map.of(), flags).streamsGroupProperties())
        .containsEntry("task.assignor.class", sticky);
  }

  @Test
  void shouldRefuseAnAssignorThatIsNoKnownNameNorATaskAssignorClass() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("group.task.assignor", "standby-stickyy");
    assertThat(failure(null, Map.of(), flags).getMessage())
        .contains("group.task.assignor", "no class standby-stickyy on the class path");

    flags.put("group.task.assignor", "java.lang.String");
    assertThat(failure(null, Map.of(), flags).getMessage())
        .contains("class java.lang.String is not a");

    flags.remove("group.task.assignor");
    flags.put("kafka.task.assignor.class", "x.Y");
    assertThat(failure(null, Map.of(), flags).getMessage())
        .contains("is set by group.task.assignor; use that key");
  }

  @Test
  void shouldRefuseAHeartbeatLongerThanAThirdOfTheSession() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("group.heartbeat.interval.ms", "3000");
    assertThat(failure(null, Map.of(), flags).getMessage())
        .contains(
            "group.heartbeat.interval.ms = 3000 is more than a third of group.session.timeout.ms"
                + " = 6000");
  }

  @Test
  void shouldRefuseTheClassicGroupKafkaKeysInFavourOfTheFailoverKeys() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("kafka.session.timeout.ms", "10000");
    assertThat(failure(null, Map.of(), flags).getMessage())
        .contains("kafka.session.timeout.ms", "is set by group.session.timeout.ms; use that key");
  }

  @Test
  void shouldPassKafkaSettingsThroughAndWarnAboutUnknownOnes() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("kafka.sasl.mechanism", "PLAIN");
    flags.put("kafka.producer.linger.ms", "5");
    flags.put("kafka.sasl.mechansim", "PLAIN");
    ClipstreamConfig config = load(null, Map.of(), flags);
    assertThat(config.kafkaClientProperties())
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("producer.linger.ms", "5");
    assertThat(config.warnings())
        .containsExactly(
            "kafka.sasl.mechansim (from command-line flag kafka.sasl.mechansim) is passed to the"
                + " Kafka clients as sasl.mechansim, which no Kafka client declares; did you mean"
                + " kafka.sasl.mechanism?");
  }

  @Test
  void shouldPassSchemaRegistrySettingsToTheSerde() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("schema.registry.basic.auth.user.info", "me:pw");
    flags.put("basic.auth.credentials.source", "USER_INFO");
    assertThat(load(null, Map.of(), flags).serdeConfig())
        .containsEntry("schema.registry.url", "mock://config-test")
        .containsEntry("schema.registry.basic.auth.user.info", "me:pw")
        .containsEntry("basic.auth.credentials.source", "USER_INFO");
  }

  @Test
  void shouldReportSerdeProblemsWithTheirSources() {
    Map<String, String> flags = new HashMap<>(REQUIRED);
    flags.put("bearer.auth.token", "tok-123");
    flags.put("schema.registry.url", "http://user:pw-456@registry:8081");
    ConfigValidationException e = failure(null, Map.of(), flags);
    assertThat(e.getMessage())
        .contains("schema registry settings: both basic-auth credentials and bearer.auth.token")
        .contains("bearer.auth.token from command-line flag bearer.auth.token")
        .doesNotContain("tok-123")
        .doesNotContain("pw-456");
  }

  @Test
  void shouldFailClearlyWhenTheFileIsMissing() {
    Path missing = dir.resolve("nope.properties");
    assertThat(failure(missing, Map.of(), REQUIRED).getMessage())
        .contains("cannot read the configuration file " + missing);
  }
}
