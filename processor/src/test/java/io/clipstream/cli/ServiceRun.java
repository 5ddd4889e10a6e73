package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.contracts.ClipReady;
import io.clipstream.media.Directories;
import io.clipstream.media.Ffprobe;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.testkit.RealS3;
import io.clipstream.topics.ContractTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One run of the packaged service ({@code java -jar clipstream.jar run}, planner and renderer) for
 * the fault tests: its own topics, bucket and copy of the bundled sample, the settings every
 * instance shares, the instances started so far, and the checks that decide whether a fault lost,
 * doubled or broke a clip ({@link #outcome}).
 *
 * <p>The settings make renders slow enough for a fault to land in the middle of one (one worker,
 * the medium preset) and let a killed member leave its group soon (6 s session timeout).
 */
final class ServiceRun implements AutoCloseable {

  static final Path JAR = Path.of("target", "clipstream.jar");

  /** Where clips go in the bucket. */
  static final String PREFIX = "clips/";

  private final String label;
  private final Path dir;
  private final DemoData data;
  private final Map<ContractTopic, String> topics;
  private final String bucket;
  private final Map<String, Object> kafkaClient;
  private final String registryUrl;
  private final RealS3 s3;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<CrashInstance> instances = new ArrayList<>();
  private final List<Long> starts = new ArrayList<>();

  private ServiceRun(
      String label,
      Path dir,
      DemoData data,
      Map<ContractTopic, String> topics,
      Map<String, Object> kafkaClient,
      String registryUrl,
      RealS3 s3) {
    this.label = label;
    this.dir = dir;
    this.data = data;
    this.topics = topics;
    this.bucket = label;
    this.kafkaClient = Map.copyOf(kafkaClient);
    this.registryUrl = registryUrl;
    this.s3 = s3;
    // Credentials through the AWS SDK's default chain, as in production.
    env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
    env.put("AWS_REGION", s3.region());
  }

  /**
   * Creates the topics ({@code <kind>-<run>-<name>}) and the bucket, and unpacks the sample with
   * each event {@code copies} times under distinct ids, so a run can have more clips than the
   * sample's seven.
   *
   * @param kafkaClient how to reach the broker (bootstrap servers and any security settings)
   */
  static ServiceRun create(
      String kind, Map<String, Object> kafkaClient, String registryUrl, RealS3 s3, int copies)
      throws Exception {
    return create(kind, kafkaClient, registryUrl, s3, copies, 1, 2);
  }

  /**
   * As {@link #create(String, Map, String, RealS3, int)}, with each of the sample's two cameras
   * {@code cameraCopies} times ({@code cam-office}, {@code cam-office-c2}, ...: the same footage
   * under another camera id, so a run has clips on more partitions) and {@code partitions}
   * partitions on the input and render-command topics.
   */
  static ServiceRun create(
      String kind,
      Map<String, Object> kafkaClient,
      String registryUrl,
      RealS3 s3,
      int copies,
      int cameraCopies,
      int partitions)
      throws Exception {
    String label = kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir = Path.of("target", kind + "-it", label).toAbsolutePath();
    DemoData data = withCopies(withCameras(DemoData.extract(dir), cameraCopies), copies);
    Map<ContractTopic, String> topics = new EnumMap<>(ContractTopic.class);
    try (Admin admin = Admin.create(kafkaClient)) {
      List<NewTopic> created = new ArrayList<>();
      for (ContractTopic t : ContractTopic.values()) {
        topics.put(t, label + "-" + t.defaultName());
        // The inputs are joined per camera: the same partition count; two tasks of each.
        int count =
            switch (t) {
              case DETECTIONS, EVENTS, SEGMENTS, RENDER_COMMANDS -> partitions;
              default -> 1;
            };
        // Default retention on purpose: the planner stamps its outputs with the wall clock, so
        // commands about 2024 footage are not deleted before the renderer reads them.
        created.add(new NewTopic(topics.get(t), count, (short) 1));
      }
      admin.createTopics(created).all().get(30, TimeUnit.SECONDS);
    }
    s3.createBucket(label);
    ServiceRun run = new ServiceRun(label, dir, data, topics, kafkaClient, registryUrl, s3);
    run.defaults();
    return run;
  }

  private void defaults() {
    settings.put("roles", "planner,renderer");
    settings.put("application.id", label);
    settings.put("kafka.bootstrap.servers", (String) kafkaClient.get("bootstrap.servers"));
    // Security settings as a deployment passes them: secrets in the environment (from a secret
    // store), the rest in the properties file.
    kafkaClient.forEach(
        (key, value) -> {
          if (key.equals("bootstrap.servers")) {
            return;
          }
          if (key.contains("password") || key.contains("jaas")) {
            env.put(
                "CLIPSTREAM_KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'),
                value.toString());
          } else {
            settings.put("kafka." + key, value.toString());
          }
        });
    settings.put("schema.registry.url", registryUrl);
    settings.put("sources.allowed.roots", data.recordings().toString());
    topics.forEach((t, name) -> settings.put(topicKey(t), name));
    settings.put("storage.uri", "s3://" + bucket + "/" + PREFIX.replaceFirst("/$", ""));
    settings.put("storage.s3.endpoint", s3.endpoint().toString());
    settings.put("storage.s3.region", s3.region());
    // One render at a time, slow enough that a fault lands in the middle of one.
    settings.put("render.workers", "1");
    settings.put("render.max.concurrent.encoders", "1");
    settings.put("render.preset", "medium");
    // As the demo: the sample is old, so the planner's clock follows the wall clock soon.
    settings.put("planner.idle.advance.ms", "1000");
    settings.put("planner.grace.ms", "2000");
    settings.put("planner.segment.wait.ms", "30000");
    // Transactions commit every 2 s: a clip-ready record sits in an open transaction, visible to
    // read_uncommitted only, for up to 2 s.
    settings.put("kafka.commit.interval.ms", "2000");
    // A killed member leaves the group after the broker's minimum session timeout: the service's
    // default (group.session.timeout.ms), stated here because the fault tests depend on it.
    settings.put("group.session.timeout.ms", "6000");
  }

  private static String topicKey(ContractTopic topic) {
    return switch (topic) {
      case DETECTIONS -> "topic.detections";
      case EVENTS -> "topic.events";
      case SEGMENTS -> "topic.segments";
      case RENDER_COMMANDS -> "topic.render-commands";
      case CLIPS_READY -> "topic.clips-ready";
      case CLIPS_FAILED -> "topic.clips-failed";
      case DEAD_LETTER -> "topic.dead-letter";
    };
  }

  /**
   * The sample with each camera {@code copies} times: copy k of camera {@code X} is {@code X-ck},
   * with the same segments (files) and detections, and its events' ids end in {@code -ck}.
   */
  private static DemoData withCameras(DemoData data, int copies) throws IOException {
    if (copies == 1) {
      return data;
    }
    Path segments = data.segments().resolveSibling("segments-c" + copies + ".jsonl");
    Path detections = data.detections().resolveSibling("detections-c" + copies + ".jsonl");
    Path events = data.events().resolveSibling("events-c" + copies + ".jsonl");
    Files.write(segments, cameraCopies(data.segments(), copies, false));
    Files.write(detections, cameraCopies(data.detections(), copies, false));
    Files.write(events, cameraCopies(data.events(), copies, true));
    return new DemoData(data.recordings(), segments, detections, events);
  }

  private static List<String> cameraCopies(Path file, int copies, boolean events)
      throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>(lines);
    for (int copy = 2; copy <= copies; copy++) {
      String suffix = "-c" + copy;
      for (String line : lines) {
        String renamed =
            line.replaceFirst("(\"camera_id\"\\s*:\\s*\"[^\"]+)\"", "$1" + suffix + "\"");
        if (events) {
          renamed = renamed.replaceFirst("(\"event_id\"\\s*:\\s*\"[^\"]+)\"", "$1" + suffix + "\"");
        }
        all.add(renamed);
      }
    }
    return all;
  }

  /** The sample with each event {@code copies} times: {@code <id>}, {@code <id>-r2}, ... */
  private static DemoData withCopies(DemoData data, int copies) throws IOException {
    if (copies == 1) {
      return data;
    }
    List<String> lines = Files.readAllLines(data.events(), StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>();
    for (int copy = 1; copy <= copies; copy++) {
      String suffix = copy == 1 ? "" : "-r" + copy;
      for (String line : lines) {
        all.add(line.replaceFirst("(\"event_id\"\\s*:\\s*\"[^\"]+)\"", "$1" + suffix + "\""));
      }
    }
    Path events = Files.write(data.events().resolveSibling("events-x" + copies + ".jsonl"), all);
    return new DemoData(data.recordings(), data.segments(), data.detections(), events);
  }

  /** Environment every instance started from now on gets; change it before {@link #start}. */
  Map<String, String> env() {
    return env;
  }

  /** Settings every instance started from now on gets; change them before {@link #start}. */
  Map<String, String> settings() {
    return settings;
  }

  /** The Kafka client settings of the run (bootstrap servers and any security settings). */
  Map<String, Object> kafkaClient() {
    return kafkaClient;
  }

  /** Writes the settings as a properties file at {@code file}, as an instance gets them. */
  Path settingsFile(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    StringBuilder properties = new StringBuilder();
    settings.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
    return Files.writeString(file.toAbsolutePath(), properties, StandardCharsets.UTF_8);
  }

  String label() {
    return label;
  }

  String topic(ContractTopic topic) {
    return topics.get(topic);
  }

  String bucket() {
    return bucket;
  }

  Set<String> events() {
    return data.eventIds();
  }

  List<CrashInstance> instances() {
    return Collections.unmodifiableList(instances);
  }

  /** Wall-clock start of each instance, in order. */
  List<Long> starts() {
    return Collections.unmodifiableList(starts);
  }

  /**
   * Starts the next instance on a fresh state directory (as if on another machine), with its own
   * {@code instance.id} ({@code <label>-<number>}).
   */
  CrashInstance start() throws IOException {
    int number = instances.size() + 1;
    return launch(number, label + "-instance-" + number);
  }

  /**
   * Starts {@code stopped} again as a pod restart does: the same {@code instance.id}, state and
   * work directories, a new log file.
   */
  CrashInstance restart(CrashInstance stopped) throws IOException {
    long earlier = instances.stream().filter(i -> i.number() == stopped.number()).count();
    return launch(
        stopped.number(), label + "-instance-" + stopped.number() + "-run-" + (earlier + 1));
  }

  private CrashInstance launch(int number, String logName) throws IOException {
    Map<String, String> own = new LinkedHashMap<>(settings);
    int port = freePort();
    own.put("http.port", Integer.toString(port));
    own.putIfAbsent("instance.id", label + "-" + number);
    CrashInstance instance =
        CrashInstance.start(
            JAR, logName, number, dir.resolve("instance-" + number), logDir(), own, env);
    instance.httpPort(port);
    instances.add(instance);
    starts.add(System.currentTimeMillis());
    return instance;
  }

  /**
   * Starts the first instance, publishes the sample and reads {@code ready} into {@code announced}
   * until the first clip is out: the moment the fault tests strike.
   */
  CrashInstance startPublishAndAwaitFirstClip(
      KafkaConsumer<String, ClipReady> ready,
      List<ConsumerRecord<String, ClipReady>> announced,
      Duration timeout)
      throws Exception {
    CrashInstance instance = start();
    publish();
    await(instance, ready, announced, "a first clip", timeout, () -> !announced.isEmpty());
    return instance;
  }

  /** Publishes the sample (segments, detections, then events) as {@code clipstream publish}. */
  void publish() throws Exception {
    Map<String, String> security = new HashMap<>();
    kafkaClient.forEach((k, v) -> security.put(k, v.toString()));
    security.remove("bootstrap.servers");
    data.publish(
        (String) kafkaClient.get("bootstrap.servers"),
        security,
        serdeConfig(),
        kind -> topics.get(kind.topic()));
  }

  private Map<String, Object> serdeConfig() {
    return Map.of("schema.registry.url", registryUrl);
  }

  /** A consumer of every partition of {@code topic} from the beginning, with no group. */
  <V extends SpecificRecord> KafkaConsumer<String, V> consumer(
      ContractTopic topic, Class<V> type, String isolation) {
    Map<String, Object> config = new HashMap<>(kafkaClient);
    config.put("isolation.level", isolation);
    config.put("enable.auto.commit", false);
    config.put("auto.offset.reset", "earliest");
    SpecificAvroDeserializer<V> values = new SpecificAvroDeserializer<>(type);
    values.configure(serdeConfig(), false);
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), values);
    String name = topics.get(topic);
    List<TopicPartition> partitions =
        consumer.partitionsFor(name).stream()
            .map(p -> new TopicPartition(name, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /** Every committed record of {@code topic} now. */
  <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(
      ContractTopic topic, Class<V> type) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> c = consumer(topic, type, "read_committed")) {
      drain(c, records, Duration.ofMillis(500));
    }
    return records;
  }

  /**
   * Polls {@code consumer} into {@code into} until {@code done}; fails when {@code instance} exits
   * or after {@code timeout}, with its log tail.
   */
  static <V> void await(
      CrashInstance instance,
      KafkaConsumer<String, V> consumer,
      List<ConsumerRecord<String, V>> into,
      String what,
      Duration timeout,
      BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      consumer.poll(Duration.ofMillis(25)).forEach(into::add);
      if (done.getAsBoolean()) {
        return;
      }
      if (!instance.isAlive()) {
        throw new AssertionError(
            instance
                + " exited with status "
                + instance.exitStatus().orElseThrow()
                + " while waiting for "
                + what
                + "; log tail:\n"
                + instance.logTail(40));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "No "
                + what
                + " within "
                + timeout.toSeconds()
                + " s; "
                + into.size()
                + " record(s) read; "
                + instance
                + " log tail:\n"
                + instance.logTail(40));
      }
    }
  }

  /** Keeps reading for {@code quiet}, then until the end offsets (the LSO, read_committed). */
  static <V> void drain(
      KafkaConsumer<String, V> consumer, List<ConsumerRecord<String, V>> into, Duration quiet) {
    long until = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < until) {
      consumer.poll(Duration.ofMillis(200)).forEach(into::add);
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      assertThat(System.nanoTime()).as("reached the end offsets %s", end).isLessThan(deadline);
      consumer.poll(Duration.ofMillis(200)).forEach(into::add);
    }
  }

  /**
   * What a fault did to the clips, from the committed clip-ready records and the bucket.
   *
   * @param expected events published: one clip each
   * @param produced distinct events announced on clips.ready
   * @param duplicates clip-ready records beyond one per event
   * @param invalid announced clips whose object is missing, differs from its record (size, SHA-256)
   *     or is not an H.264 MP4 with the record's frame count
   * @param failed records on clips.failed
   * @param strayObjects MP4s in the bucket that no record announces
   * @param problems what made a clip invalid, for the failure message
   */
  record Outcome(
      int expected,
      int produced,
      int duplicates,
      int invalid,
      int failed,
      int strayObjects,
      List<String> problems) {

    /** Zero lost, zero duplicated, zero invalid, nothing failed, nothing left over. */
    boolean perfect() {
      return produced == expected
          && duplicates == 0
          && invalid == 0
          && failed == 0
          && strayObjects == 0;
    }
  }

  /** Checks every announced clip against the bucket and ffprobe; see {@link Outcome}. */
  Outcome outcome(List<ConsumerRecord<String, ClipReady>> announced, int failed) throws Exception {
    Set<String> expected = events();
    Set<String> produced =
        announced.stream()
            .map(r -> r.value().getEventId())
            .filter(expected::contains)
            .collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    Path downloads = Files.createDirectories(dir.resolve("downloads"));
    Set<String> announcedKeys = new java.util.HashSet<>();
    try (S3Client client = s3.s3Client()) {
      for (ConsumerRecord<String, ClipReady> r : announced) {
        ClipReady clip = r.value();
        problem(client, clip, downloads, announcedKeys).ifPresent(problems::add);
      }
      long stray =
          client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX)).contents().stream()
              .map(S3Object::key)
              .filter(k -> k.endsWith(".mp4"))
              .filter(k -> !announcedKeys.contains(k))
              .count();
      return new Outcome(
          expected.size(),
          produced.size(),
          announced.size() - produced.size(),
          problems.size(),
          failed,
          (int) stray,
          List.copyOf(problems));
    }
  }

  private java.util.Optional<String> problem(
      S3Client client, ClipReady clip, Path downloads, Set<String> keys) throws Exception {
    URI video = URI.create(clip.getVideoUri());
    if (!"s3".equals(video.getScheme()) || !bucket.equals(video.getHost())) {
      return java.util.Optional.of(clip.getClipId() + ": announced at " + video);
    }
    String key = video.getPath().substring(1);
    keys.add(key);
    byte[] bytes;
    try {
      bytes = client.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    } catch (RuntimeException e) {
      return java.util.Optional.of(clip.getClipId() + ": " + video + " cannot be read: " + e);
    }
    if (bytes.length != clip.getSizeBytes()) {
      return java.util.Optional.of(
          clip.getClipId() + ": " + bytes.length + " bytes, announced " + clip.getSizeBytes());
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    if (!sha.equals(clip.getSha256())) {
      return java.util.Optional.of(clip.getClipId() + ": SHA-256 differs from the record");
    }
    Path file = Files.write(downloads.resolve(clip.getClipId() + ".mp4"), bytes);
    JsonNode stream;
    try {
      stream = Ffprobe.videoStream(file);
    } catch (RuntimeException | AssertionError e) {
      return java.util.Optional.of(clip.getClipId() + ": ffprobe cannot read it: " + e);
    }
    if (!"h264".equals(stream.path("codec_name").asText())
        || stream.path("nb_frames").asLong() != clip.getFrames()) {
      return java.util.Optional.of(
          clip.getClipId()
              + ": "
              + stream.path("codec_name").asText()
              + " with "
              + stream.path("nb_frames").asLong()
              + " frames, announced h264 with "
              + clip.getFrames());
    }
    return java.util.Optional.empty();
  }

  /**
   * Appends one row to {@code target/reliability/faults.md}, the table docs/reliability.md quotes:
   * scenario, outcome counts and what happened.
   */
  static void report(String scenario, Outcome outcome, String details) {
    appendRow(
        Path.of("target", "reliability", "faults.md"),
        "FAULT",
        List.of("fault", "clips expected", "clips produced", "duplicates", "invalid", "failed"),
        scenario,
        outcome,
        List.of(details),
        List.of("what happened"));
  }

  /**
   * Appends one outcome row (scenario, expected, produced, duplicates, invalid, failed, then {@code
   * extra} cells) to a Markdown table in {@code file}, writing its header first, and echoes it to
   * the build log after {@code tag}.
   */
  static void appendRow(
      Path file,
      String tag,
      List<String> leadingColumns,
      String scenario,
      Outcome outcome,
      List<String> extra,
      List<String> extraColumns) {
    List<String> cells = new ArrayList<>();
    cells.add(scenario);
    for (long n :
        new long[] {
          outcome.expected(),
          outcome.produced(),
          outcome.duplicates(),
          outcome.invalid(),
          outcome.failed()
        }) {
      cells.add(Long.toString(n));
    }
    cells.addAll(extra);
    List<String> columns = new ArrayList<>(leadingColumns);
    columns.addAll(extraColumns);
    String row = "| " + String.join(" | ", cells) + " |" + System.lineSeparator();
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.writeString(
            file,
            "| " + String.join(" | ", columns) + " |\n|" + "---|".repeat(columns.size()) + "\n");
      }
      Files.writeString(file, row, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.print(tag + " " + row);
  }

  /** Kafka state of the run's topics and groups, for a failure message. */
  String diagnostics() {
    return CrashDiagnostics.describe(new HashMap<>(kafkaClient), label);
  }

  /** Deletes the run's files; call it when the test passed (they help when it did not). */
  void deleteFiles() throws IOException {
    close();
    Directories.deleteTree(dir);
  }

  /** Stops every instance still running. */
  @Override
  public void close() {
    instances.forEach(CrashInstance::close);
  }

  private static Path logDir() {
    String configured = System.getProperty("clipstream.it.logs");
    return (configured == null || configured.isBlank()
            ? Path.of("target", "it-logs")
            : Path.of(configured))
        .toAbsolutePath();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
