package io.clipstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.cli.E2eSample;
import io.clipstream.contracts.ClipReady;
import io.clipstream.media.Ffprobe;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.topics.ContractTopic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The compose stack end to end with the real images: {@code apache/kafka}, Apicurio Registry and
 * MinIO at the tags {@code docker-compose.yml} names, and Clipstream built from the repository's
 * {@code Dockerfile}, started as compose starts it ({@code deploy/clipstream.properties}, the
 * service's environment). The test does what the one-shot services do (topics, buckets, the
 * sample's recordings, the feeder), then checks the seven clips: announced on {@code clips.ready},
 * stored in MinIO as announced (size, SHA-256), playable H.264 with the announced frame count, and
 * counted in {@code /metrics}.
 *
 * <p>Needs a Docker engine and access to the images (and, for the image build, to Maven Central);
 * without an engine it is skipped, saying why. {@code -Dclipstream.e2e.image=clipstream:local} uses
 * an image built beforehand ({@code docker build -t clipstream:local .}) instead of building one.
 * Container logs go to {@code target/container-e2e/<run>/}. docs/deploy.md has the details.
 */
class ContainerStackE2EIT {

  /** The checkout's root, as for {@link DeployManifestsTest}. */
  static final Path ROOT = Path.of(System.getProperty("clipstream.deploy.root", ".."));

  static final String PREBUILT_IMAGE_PROPERTY = "clipstream.e2e.image";
  static final String HOW_TO_RUN = "./mvnw -B verify -pl processor -Dit.test=ContainerStackE2EIT";
  private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLIPS_TIMEOUT = Duration.ofMinutes(10);

  // Network aliases: the compose service names (the properties file uses them too).
  private static final String KAFKA_LISTENER = "kafka:19092";
  private static final String REGISTRY_ALIAS = "schema-registry";
  private static final String MINIO_ALIAS = "minio";
  private static final String CCOMPAT = "/apis/ccompat/v7";
  private static final String CONFIG_IN_IMAGE = "/etc/clipstream/clipstream.properties";
  private static final String PLATFORM = "linux/amd64";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerStackE2EIT.class);

  private final DeployFiles files = new DeployFiles(ROOT);

  @Test
  void composeStackTurnsTheSampleIntoSevenPlayableClips() throws Exception {
    long probeStart = System.nanoTime();
    String unavailable = dockerUnavailable();
    if (unavailable != null) {
      String why =
          unavailable
              + ". This end-to-end test runs the real images (apache/kafka, Apicurio Registry, MinIO"
              + " and Clipstream built from the Dockerfile); run it on a machine with Docker and"
              + " access to the images: "
              + HOW_TO_RUN;
      // Failsafe's console shows only the count of skipped tests: say why there too.
      LOG.warn(
          "ContainerStackE2EIT skipped (Docker probe took {} ms): {}",
          Duration.ofNanos(System.nanoTime() - probeStart).toMillis(),
          why);
      Assumptions.abort(why);
    }
    String noImage = publicImageUnavailable();
    if (noImage != null) {
      LOG.warn("ContainerStackE2EIT skipped: {}", noImage);
      Assumptions.abort(noImage);
    }

    String run = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    Path work = Files.createDirectories(Path.of("target", "container-e2e", run)).toAbsolutePath();
    JsonNode minioEnv = files.composeService("minio").path("environment");
    String s3User = minioEnv.path("MINIO_ROOT_USER").asText();
    String s3Password = minioEnv.path("MINIO_ROOT_PASSWORD").asText();
    int partitions =
        Integer.parseInt(
            files.composeService("topics").path("environment").path("PARTITIONS").asText());

    Map<String, GenericContainer<?>> containers = new LinkedHashMap<>(); // started in this order
    Network network = Network.newNetwork();
    try {
      KafkaContainer kafka =
          new KafkaContainer(DockerImageName.parse(image("kafka")))
              .withNetwork(network)
              .withListener(KAFKA_LISTENER)
              // As in the compose file: one broker, and the topics are created, never implied.
              .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
              .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "1")
              .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
              .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
      GenericContainer<?> registry =
          new GenericContainer<>(DockerImageName.parse(image("schema-registry")))
              .withNetwork(network)
              .withNetworkAliases(REGISTRY_ALIAS)
              .withExposedPorts(8080)
              .waitingFor(
                  Wait.forHttp(CCOMPAT + "/subjects")
                      .forPort(8080)
                      .forStatusCode(200)
                      .withStartupTimeout(Duration.ofMinutes(3)));
      MinIOContainer minio =
          new MinIOContainer(
                  DockerImageName.parse(image("minio")).asCompatibleSubstituteFor("minio/minio"))
              .withNetwork(network)
              .withNetworkAliases(MINIO_ALIAS)
              .withUserName(s3User)
              .withPassword(s3Password);
      containers.put("kafka", kafka);
      containers.put("schema-registry", registry);
      containers.put("minio", minio);
      Startables.deepStart(kafka, registry, minio).join();

      // What the compose stack's one-shot services do: topics, then buckets and recordings.
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
        List<NewTopic> topics = new ArrayList<>();
        for (ContractTopic topic : ContractTopic.values()) {
          topics.add(new NewTopic(topic.defaultName(), partitions, (short) 1));
        }
        admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
      }
      E2eSample sample = E2eSample.extract(work.resolve("sample"), "s3://recordings");
      try (S3Client s3 = s3Client(minio, s3User, s3Password)) {
        s3.createBucket(b -> b.bucket("clips"));
        s3.createBucket(b -> b.bucket("recordings"));
        try (var recordings = Files.walk(sample.recordings())) {
          for (Path file : recordings.filter(Files::isRegularFile).toList()) {
            String key = sample.recordings().relativize(file).toString().replace('\\', '/');
            s3.putObject(b -> b.bucket("recordings").key(key), RequestBody.fromFile(file));
          }
        }
      }

      GenericContainer<?> clipstream = clipstream(network);
      containers.put("clipstream", clipstream);
      clipstream.start();

      // The feeder: segments (pointing at s3://recordings), detections, events.
      String registryFromHost =
          "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + CCOMPAT;
      List<String> published = sample.publish(kafka.getBootstrapServers(), registryFromHost);
      assertThat(published).as("segments, detections, events").hasSize(3);

      List<ConsumerRecord<String, byte[]>> records =
          awaitClipsReady(kafka.getBootstrapServers(), sample.eventIds().size(), clipstream);
      Map<String, ClipReady> byEvent = new TreeMap<>();
      try (S3Client s3 = s3Client(minio, s3User, s3Password);
          SpecificAvroDeserializer<ClipReady> deserializer =
              new SpecificAvroDeserializer<>(ClipReady.class)) {
        deserializer.configure(Map.of("schema.registry.url", registryFromHost), false);
        for (ConsumerRecord<String, byte[]> record : records) {
          ClipReady clip = deserializer.deserialize(record.topic(), record.value());
          assertThat(record.key()).as("key of clips.ready").isEqualTo(clip.getEventId());
          assertThat(byEvent.put(clip.getEventId(), clip)).as("one clip per event").isNull();
          checkStoredClip(s3, clip, work);
        }
      }
      assertThat(byEvent.keySet()).containsExactlyInAnyOrderElementsOf(sample.eventIds());

      String metricsUrl =
          "http://" + clipstream.getHost() + ":" + clipstream.getMappedPort(8080) + "/metrics";
      awaitClipsReadyTotal(metricsUrl, byEvent.size());
    } finally {
      List<String> names = new ArrayList<>(containers.keySet());
      Collections.reverse(names);
      for (String name : names) {
        GenericContainer<?> container = containers.get(name);
        saveLogs(name, container, work);
        try {
          container.stop();
        } catch (RuntimeException e) {
          System.err.println("Could not stop " + name + ": " + e);
        }
      }
      network.close(); // after the containers: a network with endpoints cannot be removed
    }
  }

  /**
   * Without Docker: the image build's context and Dockerfile, as the test above would send them.
   */
  @Test
  void imageBuildSendsWhatDockerBuildWouldSend() throws IOException {
    List<String> context =
        buildContext(ROOT).stream()
            .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
            .toList();
    assertThat(context)
        .contains(
            "mvnw",
            ".mvn/wrapper/maven-wrapper.properties",
            "pom.xml",
            "processor/pom.xml",
            "processor/src/main/java/io/clipstream/cli/Main.java",
            "processor/src/main/resources/demo/segments.jsonl",
            "deploy/image.properties",
            "deploy/feed.sh")
        .noneMatch(
            p ->
                p.startsWith(".git/")
                    || p.startsWith("target/")
                    || (p.contains("/target/") && !p.equals("processor/target/clipstream.jar"))
                    || p.contains("node_modules/")
                    || p.startsWith("docs/")
                    || p.startsWith("k8s/")
                    || p.equals("Dockerfile")
                    || p.equals("docker-compose.yml"));
    assertThat(classicBuilderDockerfile(files.text("Dockerfile")))
        .doesNotContain("--mount", "syntax=")
        .contains("RUN ./mvnw -B -q package -DskipTests", "COPY deploy/feed.sh");
  }

  /**
   * Why Docker cannot be used, or null when it can. The probe runs on its own thread with a time
   * limit, and any failure counts as "no Docker", with its text.
   */
  static String dockerUnavailable() {
    ExecutorService probe =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "docker-probe");
              t.setDaemon(true);
              return t;
            });
    String where =
        "DOCKER_HOST="
            + System.getenv().getOrDefault("DOCKER_HOST", "(unset)")
            + ", /var/run/docker.sock "
            + (Files.exists(Path.of("/var/run/docker.sock")) ? "present" : "missing");
    try {
      Future<Boolean> available =
          probe.submit(() -> DockerClientFactory.instance().isDockerAvailable());
      return available.get(DOCKER_PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          ? null
          : "no Docker engine reachable ("
              + where
              + "; Testcontainers found no working Docker environment)";
    } catch (TimeoutException e) {
      return "the Docker probe got no answer within "
          + DOCKER_PROBE_TIMEOUT.toSeconds()
          + " s ("
          + where
          + ")";
    } catch (Exception | LinkageError e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      return "no Docker engine reachable (" + where + "; the probe failed: " + cause + ")";
    } finally {
      probe.shutdownNow();
    }
  }

  /**
   * Why the public images cannot be used, or null when each is present or can be pulled: an engine
   * without access to the registries (as on the development and CI machines here) skips this test,
   * and deploy/stack-test.sh runs the same stack on stand-ins built locally.
   */
  private String publicImageUnavailable() {
    var docker = DockerClientFactory.instance().client();
    for (String service : List.of("kafka", "schema-registry", "minio")) {
      String image = image(service);
      try {
        docker.inspectImageCmd(image).exec();
        continue;
      } catch (RuntimeException notHere) {
        // not in the engine yet: try to pull it
      }
      try {
        if (!docker.pullImageCmd(image).start().awaitCompletion(5, TimeUnit.MINUTES)) {
          return "pulling " + image + " did not finish within 5 minutes";
        }
      } catch (RuntimeException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        return "the public image "
            + image
            + " cannot be pulled ("
            + e.getMessage()
            + "). Without access to public images, run the same stack on locally built stand-ins:"
            + " deploy/stack-test.sh (docs/deploy.md)";
      }
    }
    return null;
  }

  /** The image compose runs for {@code service}. */
  private String image(String service) {
    String image = files.composeService(service).path("image").asText();
    assertThat(image).as("image of compose service %s", service).isNotBlank();
    return image;
  }

  /** Clipstream as compose runs it, in the stack's network. */
  private GenericContainer<?> clipstream(Network network) throws IOException {
    String prebuilt = System.getProperty(PREBUILT_IMAGE_PROPERTY, "").trim();
    GenericContainer<?> container =
        prebuilt.isEmpty()
            ? new GenericContainer<>(imageFromDockerfile(ROOT))
            : new GenericContainer<>(DockerImageName.parse(prebuilt));
    JsonNode service = files.composeService("clipstream");
    service
        .path("environment")
        .properties()
        .forEach(e -> container.withEnv(e.getKey(), e.getValue().asText()));
    List<String> command = new ArrayList<>();
    service.path("command").forEach(c -> command.add(c.asText()));
    assertThat(command).as("the compose command").contains(CONFIG_IN_IMAGE);
    return container
        .withNetwork(network)
        .withCopyFileToContainer(
            MountableFile.forHostPath(ROOT.resolve("deploy/clipstream.properties"), 0644),
            CONFIG_IN_IMAGE)
        // The file names the compose services; say so explicitly, as an operator would.
        .withEnv("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", KAFKA_LISTENER)
        .withEnv("CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://" + REGISTRY_ALIAS + ":8080" + CCOMPAT)
        .withEnv("CLIPSTREAM_STORAGE_S3_ENDPOINT", "http://" + MINIO_ALIAS + ":9000")
        .withCommand(command.toArray(String[]::new))
        .withExposedPorts(8080)
        .withCreateContainerCmdModifier(
            cmd -> {
              cmd.withPlatform(PLATFORM);
              cmd.getHostConfig().withMemory(2L * 1024 * 1024 * 1024); // compose: mem_limit 2g
            })
        .waitingFor(
            Wait.forHttp("/health/ready")
                .forPort(8080)
                .forStatusCode(200)
                .withStartupTimeout(Duration.ofMinutes(5)));
  }

  /**
   * The image of the repository's Dockerfile. Testcontainers builds with the classic builder
   * (docker-java speaks no BuildKit), which rejects {@code RUN --mount}: the cache mount is
   * dropped, nothing else changes. The context is what {@code docker build .} sends (see {@link
   * #buildContext}).
   */
  static ImageFromDockerfile imageFromDockerfile(Path root) throws IOException {
    ImageFromDockerfile image =
        new ImageFromDockerfile("clipstream-e2e", false)
            .withBuildImageCmdModifier(cmd -> cmd.withPlatform(PLATFORM));
    for (Path file : buildContext(root)) {
      image.withFileFromPath(root.relativize(file).toString().replace('\\', '/'), file);
    }
    return image.withFileFromString(
        "Dockerfile", classicBuilderDockerfile(Files.readString(root.resolve("Dockerfile"))));
  }

  /** The Dockerfile without BuildKit-only syntax (the parser directive, cache mounts). */
  static String classicBuilderDockerfile(String dockerfile) {
    String classic =
        dockerfile.replaceAll("(?m)^#\\s*syntax=.*\\R", "").replaceAll("--mount=\\S+\\s+", "");
    assertThat(classic)
        .as("BuildKit-only syntax left in the Dockerfile")
        .doesNotContain("--mount", "<<");
    return classic;
  }

  /**
   * The regular files of the build context: everything under {@code root} that {@code
   * .dockerignore} does not exclude. Docker's rules, as far as the file uses them: patterns are
   * relative to the root, {@code *} stays within a directory, {@code **} spans any number of them,
   * an excluded directory excludes everything below it, except the files an exception ({@code
   * !path}, a plain path without wildcards) names again.
   */
  static List<Path> buildContext(Path root) throws IOException {
    List<PathMatcher> ignored = new ArrayList<>();
    List<Path> exceptions = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve(".dockerignore"))) {
      String pattern = line.trim().replaceFirst("^/+", "");
      if (pattern.isEmpty() || pattern.startsWith("#")) {
        continue;
      }
      if (pattern.startsWith("!")) {
        if (pattern.matches(".*[*?\\[].*")) {
          throw new IllegalStateException(
              ".dockerignore exceptions with wildcards are not supported here: " + line);
        }
        exceptions.add(Path.of(pattern.substring(1)));
        continue;
      }
      ignored.add(root.getFileSystem().getPathMatcher("glob:" + pattern));
      if (pattern.startsWith("**/")) { // ** also matches no directory at all
        ignored.add(root.getFileSystem().getPathMatcher("glob:" + pattern.substring(3)));
      }
    }
    List<Path> context = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            Path relative = root.relativize(dir);
            boolean holdsException = exceptions.stream().anyMatch(e -> e.startsWith(relative));
            return !dir.equals(root) && excluded(dir) && !holdsException
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !excluded(file)) {
              context.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          private boolean excluded(Path path) {
            Path relative = root.relativize(path);
            if (exceptions.contains(relative)) {
              return false;
            }
            for (Path p = relative; p != null; p = p.getParent()) { // an excluded directory above
              Path candidate = p;
              if (ignored.stream().anyMatch(m -> m.matches(candidate))) {
                return true;
              }
            }
            return false;
          }
        });
    return context;
  }

  private static S3Client s3Client(MinIOContainer minio, String user, String password) {
    return S3Client.builder()
        .endpointOverride(URI.create(minio.getS3URL()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(user, password)))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  /** The first {@code count} records of clips.ready, read committed, from every partition. */
  private static List<ConsumerRecord<String, byte[]>> awaitClipsReady(
      String bootstrapServers, int count, GenericContainer<?> clipstream) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    String topic = ContractTopic.CLIPS_READY.defaultName();
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + CLIPS_TIMEOUT.toNanos();
      while (records.size() < count) {
        consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        if (!clipstream.isRunning()) {
          fail(
              "Clipstream stopped after %d of %d clips:%n%s",
              records.size(), count, tail(clipstream));
        }
        if (System.nanoTime() > deadline) {
          fail(
              "%d of %d clips on %s after %s:%n%s",
              records.size(), count, topic, CLIPS_TIMEOUT, tail(clipstream));
        }
      }
    }
    return records;
  }

  /** What a clips.ready record says is in MinIO: the MP4's size, SHA-256, codec and frames. */
  private static void checkStoredClip(S3Client s3, ClipReady clip, Path work) throws Exception {
    URI video = URI.create(clip.getVideoUri());
    assertThat(video.getScheme()).isEqualTo("s3");
    assertThat(video.getHost()).as("the bucket of %s", video).isEqualTo("clips");
    String key = video.getPath().substring(1);
    byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(video.getHost()).key(key)).asByteArray();
    assertThat((long) bytes.length)
        .as("size_bytes of %s", clip.getClipId())
        .isEqualTo(clip.getSizeBytes());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .as("sha256 of %s", clip.getClipId())
        .isEqualTo(clip.getSha256());
    Path mp4 = Files.write(work.resolve(clip.getClipId() + ".mp4"), bytes);
    JsonNode stream = Ffprobe.videoStream(mp4);
    assertThat(stream.path("codec_name").asText())
        .as("codec of %s", clip.getClipId())
        .isEqualTo("h264");
    assertThat(stream.path("width").asInt()).isEqualTo(clip.getWidth());
    assertThat(stream.path("height").asInt()).isEqualTo(clip.getHeight());
    assertThat((long) Ffprobe.frameTimes(mp4).size())
        .as("frames ffprobe decodes from %s", clip.getClipId())
        .isEqualTo(clip.getFrames());
  }

  /** Waits (the counter may trail the record by a moment) for clipstream_clips_ready_total. */
  private static void awaitClipsReadyTotal(String metricsUrl, int expected) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    double total;
    String body;
    do {
      body =
          http.send(
                  HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      total =
          body.lines()
              .filter(l -> l.startsWith("clipstream_clips_ready_total"))
              .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
              .sum();
      if (total >= expected) {
        break;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    String lines =
        body.lines()
            .filter(l -> l.startsWith("clipstream_clips_ready_total"))
            .collect(Collectors.joining("\n"));
    assertThat(total)
        .as("clipstream_clips_ready_total in %s:%n%s", metricsUrl, lines)
        .isEqualTo(expected);
  }

  private static String tail(GenericContainer<?> container) {
    try {
      List<String> lines = container.getLogs().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (RuntimeException e) {
      return "(no logs: " + e + ")";
    }
  }

  private static void saveLogs(String name, GenericContainer<?> container, Path work) {
    if (container.getContainerId() == null) {
      return;
    }
    try {
      Files.writeString(work.resolve(name + ".log"), container.getLogs());
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not save the logs of " + name + ": " + e);
    }
  }
}
