package io.clipstream.testkit;

import io.clipstream.embedded.TopicMetadata;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, broker and controller combined) run as a child JVM, for tests
 * that take the broker away and bring it back: {@link #stop()} (SIGTERM, a controlled shutdown),
 * {@link #kill()} (SIGKILL, a crash), {@link #start()} and {@link #restart()} keep its data and its
 * ports, so clients' {@code bootstrap.servers} stay valid and committed records survive. {@link
 * RealKafka} cannot do this: its in-process broker formats a new cluster on random ports each time
 * it starts.
 *
 * <p>Settings are those of {@link RealKafka} (production metadata version, internal topics with
 * replication factor 1, min ISR 1 and 5 partitions, no initial rebalance delay, {@code
 * auto.create.topics.enable=false}: create topics with {@link #createTopic}), on 127.0.0.1 only.
 * {@link #secured(String)} brokers accept clients only over {@code SASL_SSL} (mechanism {@code
 * PLAIN}, user {@link #username()} with a generated {@link #password()}, a self-signed certificate
 * for 127.0.0.1 and localhost that {@link #truststorePath()} trusts), for tests of Clipstream's
 * security settings against a broker that enforces them.
 *
 * <pre>{@code
 * try (KafkaBrokerProcess kafka = KafkaBrokerProcess.plaintext("outage-it")) {
 *   kafka.start();
 *   kafka.createTopic("events", 3);
 *   // ... clients with kafka.clientConfig() ...
 *   kafka.kill();
 *   kafka.start(); // same address, same committed records
 * }
 * }</pre>
 *
 * <p>Each instance is independent (one child JVM each) and not shared between tests: tests that
 * need one create it, usually in {@code @BeforeAll}, and {@link #close()} it, which deletes its
 * data. The child runs {@code kafka.Kafka} from this JVM's class path (kafka_2.13 and its
 * dependencies, which the test kit brings), on the JVM of {@code java.home}, and exits when this
 * JVM does, even after a SIGKILL. Its output and the harness's started/stopped lines go to {@link
 * #logFile()} ({@code target/it-logs/kafka-broker-<name>.log}), its data to {@code
 * target/it-data/kafka-broker/jvm-<pid>/<name>/}. A start waits at most 60 s for the broker
 * (override with {@code -Dclipstream.it.startTimeoutSeconds}).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  /** The user that {@link #secured} brokers accept, besides their own inter-broker user. */
  public static final String USER = "clipstream";

  private static final String COMPONENT = "kafka-broker";
  private static final int NODE_ID = 1;
  private static final int BROKER_PORT = 0;
  private static final int CONTROLLER_PORT = 1;
  private static final String STORE_TYPE = "PKCS12";
  private static final String CERT_ALIAS = "broker";
  private static final Set<String> OPEN_NAMES = ConcurrentHashMap.newKeySet();

  private final String name;
  private final boolean secured;
  private final Path dataDir;
  private final ChildServer server;
  private final String clusterId = Uuid.randomUuid().toString();
  private final String password = randomSecret();
  private final String brokerPassword = randomSecret();
  private final String storePassword = randomSecret();
  private boolean closed;

  private KafkaBrokerProcess(String name, boolean secured) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "Broker name '"
              + name
              + "' names its log file and data directory: use letters, digits, '.', '_', '-'");
    }
    if (!OPEN_NAMES.add(name)) {
      throw new IllegalStateException(
          "A KafkaBrokerProcess named '"
              + name
              + "' is already open in this JVM; close() it first or choose another name");
    }
    this.name = name;
    this.secured = secured;
    Path jvmDir = ItDirs.data(COMPONENT);
    this.dataDir = jvmDir.resolve(name);
    this.server =
        new ChildServer(
            "Kafka broker '" + name + "'",
            COMPONENT + "-" + name + ".log",
            jvmDir,
            Duration.ofSeconds(60),
            2);
  }

  /**
   * A broker (not started) whose one client listener is {@code PLAINTEXT}; {@code name} tells its
   * log file and data directory apart from those of other brokers.
   */
  public static KafkaBrokerProcess plaintext(String name) {
    return new KafkaBrokerProcess(name, false);
  }

  /**
   * A broker (not started) whose one client listener is {@code SASL_SSL} with mechanism {@code
   * PLAIN}. Its certificate and credentials are generated at the first {@link #start()}; {@link
   * #clientConfig()} carries everything a client needs to connect.
   */
  public static KafkaBrokerProcess secured(String name) {
    return new KafkaBrokerProcess(name, true);
  }

  /**
   * Starts the broker unless it runs and returns once it accepts clients. The first start picks the
   * ports and formats the storage; later ones reuse both, waiting for the old ports to be released.
   *
   * @throws ComponentStartupException naming the log file and its last lines if the broker exits or
   *     is not ready in time
   */
  public synchronized KafkaBrokerProcess start() {
    if (closed) {
      throw new IllegalStateException("Kafka broker '" + name + "' is closed; create a new one");
    }
    if (!server.everStarted()) {
      server.reapLeftovers();
      ItDirs.deleteRecursively(dataDir); // a broker of this name closed earlier in this JVM
      ItDirs.createDirectories(dataDir);
      writeLogbackConfig();
      if (secured) {
        createStores();
      }
    }
    server.start(this::command, this::awaitReady);
    return this;
  }

  /**
   * Stops the broker with SIGTERM (a controlled shutdown: logs flushed, leadership handed over) and
   * waits for it to exit; SIGKILL after 15 s. Clients then fail to connect until {@link #start()}.
   */
  public synchronized void stop() {
    server.stop();
  }

  /**
   * Kills the broker with SIGKILL, as a crash or an OOM kill would: no controlled shutdown, no
   * flush. Acknowledged records survive a {@link #start()}: they are in the log segments (the
   * kernel's page cache outlives the process), and the next start recovers the logs from them.
   */
  public synchronized void kill() {
    server.kill();
  }

  /** {@link #stop()}, then {@link #start()}: same ports, same data. */
  public synchronized void restart() {
    stop();
    start();
  }

  /** Whether the broker's JVM is running (it may still be starting or stopping). */
  public synchronized boolean isRunning() {
    return server.isRunning();
  }

  /** Stops the broker and deletes its data; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.stop();
    } finally {
      try {
        ItDirs.deleteRecursively(dataDir);
        // This JVM's directory, once its last broker is gone: a clean run leaves no it-data behind.
        Files.deleteIfExists(dataDir.getParent());
      } catch (UncheckedIOException e) {
        LifecycleLog.append(logFile(), "cannot delete " + dataDir + ": " + e.getCause());
      } catch (IOException stillInUse) {
        // another broker of this JVM keeps its data there (DirectoryNotEmptyException)
      }
      OPEN_NAMES.remove(name);
    }
  }

  /** {@code 127.0.0.1:<port>} of the client listener; the same across restarts. */
  public String bootstrapServers() {
    return Ports.HOST + ":" + server.port(BROKER_PORT);
  }

  /** Whether clients must use {@code SASL_SSL} ({@link #secured}). */
  public boolean isSecured() {
    return secured;
  }

  /** The file receiving the broker's output and the harness's started/stopped lines. */
  public Path logFile() {
    return server.logFile();
  }

  /** The user clients authenticate as ({@link #USER}); secured brokers only. */
  public String username() {
    requireSecured("username()");
    return USER;
  }

  /** The generated password of {@link #username()}; secured brokers only. */
  public String password() {
    requireSecured("password()");
    return password;
  }

  /**
   * The truststore holding the broker's self-signed certificate (and nothing else), for {@code
   * ssl.truststore.location}; it exists once the broker has started. Secured brokers only.
   */
  public Path truststorePath() {
    requireSecured("truststorePath()");
    return dataDir.resolve("truststore.p12");
  }

  /** {@code PKCS12}, for {@code ssl.truststore.type}; secured brokers only. */
  public String truststoreType() {
    requireSecured("truststoreType()");
    return STORE_TYPE;
  }

  /** The generated truststore password, for {@code ssl.truststore.password}. */
  public String truststorePassword() {
    requireSecured("truststorePassword()");
    return storePassword;
  }

  /**
   * The base for any client config: {@code bootstrap.servers} and, for a secured broker, {@code
   * security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} for {@link #username()}
   * and the {@code ssl.truststore.*} settings. A new mutable map each call.
   */
  public Map<String, Object> clientConfig() {
    return clientConfig(bootstrapServers());
  }

  /**
   * {@link #clientConfig()} authenticating as {@code username} with {@code password} (wrong ones
   * included, for negative tests); secured brokers only.
   */
  public Map<String, Object> clientConfig(String username, String password) {
    requireSecured("clientConfig(username, password)");
    return securedConfig(bootstrapServers(), username, password);
  }

  /**
   * {@link #clientConfig()} for {@code bootstrap}: the readiness probe runs before ports are
   * public.
   */
  private Map<String, Object> clientConfig(String bootstrap) {
    return secured ? securedConfig(bootstrap, USER, password) : plainConfig(bootstrap);
  }

  private Map<String, Object> securedConfig(String bootstrap, String username, String password) {
    Map<String, Object> config = plainConfig(bootstrap);
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    config.put(SaslConfigs.SASL_JAAS_CONFIG, plainLogin(username, password, Map.of()));
    config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststorePath().toString());
    config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, STORE_TYPE);
    config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
    return config;
  }

  /**
   * Producer base config (no serializers): {@link #clientConfig()} with {@code acks=all} and
   * idempotence on, as Clipstream's producers run.
   */
  public Map<String, Object> producerConfig() {
    return ClientConfigs.producer(clientConfig());
  }

  /**
   * Consumer base config (no deserializers) for {@code groupId}: reads from the earliest offset,
   * only committed transactional records ({@code read_committed}), no auto-commit.
   */
  public Map<String, Object> consumerConfig(String groupId) {
    return ClientConfigs.consumer(clientConfig(), groupId);
  }

  /** A new {@link Admin} for this broker ({@link #clientConfig()}); the caller closes it. */
  public Admin adminClient() {
    return Admin.create(clientConfig());
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions (replication factor 1) unless it
   * exists, and returns once the broker serves it. Fails if it exists with another partition count:
   * that is a test bug, not something to paper over.
   */
  public void createTopic(String topic, int partitions) {
    try (Admin admin = adminClient()) {
      boolean existed = false;
      try {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "Cannot create topic " + topic + " on " + name + ": " + e.getCause(), e.getCause());
        }
        existed = true;
      }
      int actual = TopicMetadata.servedPartitionCount(admin, topic, Duration.ofSeconds(15));
      if (existed && actual != partitions) {
        throw new IllegalStateException(
            "Topic " + topic + " already exists with " + actual + " partitions, not " + partitions);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + topic, e);
    }
  }

  private static Map<String, Object> plainConfig(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return config;
  }

  private void requireSecured(String what) {
    if (!secured) {
      throw new IllegalStateException(
          what + " is only for secured brokers; '" + name + "' is a plaintext one");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The child JVM

  private List<String> command(int[] ports) {
    Path properties = dataDir.resolve("server.properties");
    try {
      Files.writeString(properties, serverProperties(ports), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + properties, e);
    }
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms128m",
        "-Xmx512m",
        // A test broker serves a few hundred records: start fast and stay light on shared CI cores.
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true",
        "-Dlogback.configurationFile=" + dataDir.resolve("logback.xml"),
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
        "-cp",
        childClassPath(),
        KafkaBrokerMain.class.getName(),
        properties.toString(),
        clusterId,
        MetadataVersion.latestProduction().version());
  }

  /**
   * Everything {@link RealKafka}'s broker deviates from Kafka's defaults in, plus the listeners:
   * the client one on the first port, the controller one (always PLAINTEXT, on loopback, spoken
   * only by the broker itself) on the second, with a static one-voter quorum so that a restart
   * needs no discovery.
   */
  private String serverProperties(int[] ports) {
    String client = secured ? "SASL_SSL" : "PLAINTEXT";
    String clientListener = client + "://" + Ports.HOST + ":" + ports[BROKER_PORT];
    List<String> lines = new ArrayList<>();
    lines.add("process.roles=broker,controller");
    lines.add("node.id=" + NODE_ID);
    lines.add(
        "controller.quorum.voters=" + NODE_ID + "@" + Ports.HOST + ":" + ports[CONTROLLER_PORT]);
    lines.add(
        "listeners="
            + clientListener
            + ",CONTROLLER://"
            + Ports.HOST
            + ":"
            + ports[CONTROLLER_PORT]);
    lines.add("advertised.listeners=" + clientListener);
    lines.add("listener.security.protocol.map=" + client + ":" + client + ",CONTROLLER:PLAINTEXT");
    lines.add("controller.listener.names=CONTROLLER");
    // The transaction coordinator sends commit markers to partition leaders, itself included, over
    // this listener: with one listener there is no unauthenticated side door.
    lines.add("inter.broker.listener.name=" + client);
    lines.add("log.dirs=" + dataDir.resolve("kraft"));
    lines.add("num.partitions=1");
    lines.add("default.replication.factor=1");
    lines.add("min.insync.replicas=1");
    lines.add("offsets.topic.replication.factor=1");
    lines.add("offsets.topic.num.partitions=5"); // 50 by default: slow to create, no benefit here
    lines.add("transaction.state.log.replication.factor=1");
    lines.add("transaction.state.log.min.isr=1");
    lines.add("transaction.state.log.num.partitions=5");
    lines.add("share.coordinator.state.topic.replication.factor=1");
    lines.add("share.coordinator.state.topic.min.isr=1");
    lines.add("group.initial.rebalance.delay.ms=0");
    // After a SIGKILL the controller still holds the dead broker's registration and refuses the new
    // one (DUPLICATE_BROKER_REGISTRATION) until that session expires: 9 s by default, 3 s here.
    lines.add("broker.session.timeout.ms=3000");
    lines.add("broker.heartbeat.interval.ms=500");
    lines.add("auto.create.topics.enable=false");
    lines.add("unstable.api.versions.enable=false");
    lines.add("unstable.feature.versions.enable=false");
    // Fewer threads than a production broker: CI machines have two cores and run builds in
    // parallel.
    lines.add("num.network.threads=2");
    lines.add("num.io.threads=2");
    lines.add("background.threads=2");
    lines.add("num.recovery.threads.per.data.dir=1");
    lines.add("log.cleaner.threads=1");
    if (secured) {
      lines.add("sasl.enabled.mechanisms=PLAIN");
      lines.add("sasl.mechanism.inter.broker.protocol=PLAIN");
      lines.add(
          "listener.name.sasl_ssl.plain.sasl.jaas.config="
              + plainLogin(
                  "broker",
                  brokerPassword,
                  Map.of("user_broker", brokerPassword, "user_" + USER, password)));
      lines.add("ssl.keystore.location=" + keystorePath());
      lines.add("ssl.keystore.type=" + STORE_TYPE);
      lines.add("ssl.keystore.password=" + storePassword);
      lines.add("ssl.key.password=" + storePassword);
      // The broker's own inter-broker connections verify its certificate like any client.
      lines.add("ssl.truststore.location=" + truststorePath());
      lines.add("ssl.truststore.type=" + STORE_TYPE);
      lines.add("ssl.truststore.password=" + storePassword);
      lines.add("ssl.client.auth=none");
    }
    lines.add("");
    return String.join(System.lineSeparator(), lines);
  }

  /**
   * Ready once a TCP connect succeeds (so that the admin client does not log a warning per refused
   * connection while the JVM boots) and an {@link Admin#describeCluster} with this broker's own
   * client config lists the broker: it then serves requests, authentication included.
   */
  private HttpProbe.Outcome awaitReady(int[] ports, Duration timeout, ChildProcess child) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!accepts(ports[BROKER_PORT])) {
      if (!child.isAlive()) {
        return HttpProbe.Outcome.PROCESS_EXITED;
      }
      if (System.nanoTime() > deadline) {
        return HttpProbe.Outcome.TIMED_OUT;
      }
      Ports.sleep(Duration.ofMillis(50));
    }
    Map<String, Object> config = clientConfig(Ports.HOST + ":" + ports[BROKER_PORT]);
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    try (Admin admin = Admin.create(config)) {
      while (System.nanoTime() < deadline) {
        if (!child.isAlive()) {
          return HttpProbe.Outcome.PROCESS_EXITED;
        }
        try {
          if (!admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
              .nodes()
              .get(3, TimeUnit.SECONDS)
              .isEmpty()) {
            return HttpProbe.Outcome.READY;
          }
        } catch (ExecutionException | TimeoutException notReadyYet) {
          // the broker is still catching up with its metadata
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ComponentStartupException("Interrupted while waiting for " + name, e);
        }
        Ports.sleep(Duration.ofMillis(100));
      }
    }
    return child.isAlive() ? HttpProbe.Outcome.TIMED_OUT : HttpProbe.Outcome.PROCESS_EXITED;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /**
   * The jars of this JVM's class path (Surefire and Failsafe put the test class path there, not
   * their booter jar) plus wherever the test kit's classes are. Class directories are left out: a
   * module's {@code logback-test.xml} or {@code target/test-classes} has no business in the broker.
   */
  private static String childClassPath() {
    Set<String> entries = new LinkedHashSet<>();
    entries.add(codeSource(KafkaBrokerMain.class));
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
        entries.add(entry);
      }
    }
    String kafka = codeSource(kafka.Kafka.class);
    if (!entries.contains(kafka)) {
      throw new ComponentStartupException(
          "The Kafka broker jar "
              + kafka
              + " is not on java.class.path ("
              + entries.size()
              + " jars), so a child broker JVM cannot be given its class path. Run the tests"
              + " through Maven (Failsafe), or in the IDE without a shortened command line"
              + " (IntelliJ: Run configuration > Shorten command line > none).");
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | RuntimeException e) {
      throw new ComponentStartupException(
          "Cannot tell where " + type.getName() + " was loaded from: " + e, e);
    }
  }

  /**
   * The broker logs through SLF4J; with Logback on the class path (the test kit's tests and
   * Clipstream's modules have it) this sends INFO and up to stdout, which goes to {@link
   * #logFile()}. Without Logback, the child logs with whatever SLF4J provider there is, or not at
   * all.
   */
  private void writeLogbackConfig() {
    String config =
        String.join(
            System.lineSeparator(),
            "<configuration>",
            "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread]"
                + " %logger{36} - %msg%n</pattern></encoder>",
            "  </appender>",
            "  <!-- every config value of every component at each start: noise here -->",
            "  <logger name=\"org.apache.kafka.common.config.AbstractConfig\" level=\"WARN\"/>",
            "  <logger name=\"state.change.logger\" level=\"WARN\"/>",
            "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
            "</configuration>",
            "");
    Path file = dataDir.resolve("logback.xml");
    try {
      Files.writeString(file, config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // TLS material

  private Path keystorePath() {
    return dataDir.resolve("broker.p12");
  }

  /**
   * A key pair and self-signed certificate for 127.0.0.1 and localhost (keytool: the JDK has no
   * public API to sign certificates), and a truststore with only that certificate for clients.
   */
  private void createStores() {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new ComponentStartupException(
          "A secured Kafka broker needs keytool to create its certificate, and "
              + keytool
              + " is not there: java.home is a JRE without it. Run the tests on a full JDK 17.");
    }
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            CERT_ALIAS,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-sigalg",
            "SHA256withECDSA",
            "-dname",
            "CN=localhost, O=Clipstream test kit",
            "-ext",
            "SAN=IP:127.0.0.1,DNS:localhost",
            "-validity",
            "30",
            "-storetype",
            STORE_TYPE,
            "-keystore",
            keystorePath().toString(),
            "-storepass",
            storePassword,
            "-keypass",
            storePassword);
    runKeytool(command);
    try {
      KeyStore keystore = KeyStore.getInstance(STORE_TYPE);
      try (InputStream in = Files.newInputStream(keystorePath())) {
        keystore.load(in, storePassword.toCharArray());
      }
      Certificate certificate = keystore.getCertificate(CERT_ALIAS);
      KeyStore truststore = KeyStore.getInstance(STORE_TYPE);
      truststore.load(null, null);
      truststore.setCertificateEntry(CERT_ALIAS, certificate);
      try (OutputStream out = Files.newOutputStream(truststorePath())) {
        truststore.store(out, storePassword.toCharArray());
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new ComponentStartupException(
          "Cannot build the truststore " + truststorePath() + " from " + keystorePath() + ": " + e,
          e);
    }
  }

  private void runKeytool(List<String> command) {
    Path output = dataDir.resolve("keytool.out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ComponentStartupException(
            "keytool did not create " + keystorePath() + " within 60 s; killed it");
      }
      if (process.exitValue() != 0) {
        throw new ComponentStartupException(
            "keytool failed (exit code "
                + process.exitValue()
                + ") to create "
                + keystorePath()
                + ": "
                + Files.readString(output).strip());
      }
    } catch (IOException e) {
      throw new ComponentStartupException("Cannot run " + command.get(0) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComponentStartupException("Interrupted while running keytool", e);
    }
  }

  private static String plainLogin(String username, String password, Map<String, String> users) {
    StringBuilder jaas =
        new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
            .append(" username=\"")
            .append(username)
            .append("\" password=\"")
            .append(password)
            .append('"');
    users.forEach(
        (key, value) -> jaas.append(' ').append(key).append("=\"").append(value).append('"'));
    return jaas.append(';').toString();
  }

  private static String randomSecret() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
