package io.clipstream.testkit;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Apicurio Registry 3 (the Maven Central distribution), run as a child JVM on 127.0.0.1,
 * exposing the Confluent-compatible API at {@link #confluentUrl()}.
 *
 * <p>Differences from Apicurio's defaults, and why:
 *
 * <ul>
 *   <li>The global compatibility is set to BACKWARD after every start: Apicurio enforces no rule by
 *       default, a Confluent registry enforces BACKWARD, and our serde and schema-evolution tests
 *       must see 409s for incompatible changes.
 *   <li>Storage is H2 in a file under {@code target/it-data/apicurio/jvm-<pid>/} instead of H2 in
 *       memory: {@link #stop()} then {@link #start()} models an outage, and a real registry does
 *       not forget its schemas (or hand out ids again) when it comes back.
 * </ul>
 *
 * Obtain it through {@link RealComponents#schemaRegistry()}; its output goes to {@link #logFile()}.
 */
public final class RealSchemaRegistry {

  /** Apicurio Registry 3 is compiled for Java 21. */
  static final int MINIMUM_JAVA = 21;

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final Path dataDir = ItDirs.data("apicurio");
  private final ChildServer server =
      new ChildServer("Apicurio Registry", "apicurio.log", dataDir, Duration.ofSeconds(120), 2);
  private Path java;
  private Path runJar;

  RealSchemaRegistry() {}

  /**
   * Starts the registry unless it runs; after a {@link #stop()} it comes back on the same port with
   * its schemas.
   */
  public synchronized void start() {
    if (server.isRunning()) {
      return;
    }
    if (!server.everStarted()) {
      java = JavaLocator.system().locate(MINIMUM_JAVA, "Apicurio Registry");
      runJar = ApicurioDistribution.quarkusRunJar();
      server.reapLeftovers();
      ItDirs.deleteRecursively(
          dataDir.resolve("db")); // a fresh registry per test JVM, even if a pid recurs
    }
    server.start(
        this::command,
        ports -> URI.create(url(ports[0]) + "/apis/ccompat/v7/config"),
        status -> status == 200);
    try {
      enforceBackwardCompatibility();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
  }

  /** Stops the registry process; clients then get "connection refused" until {@link #start()}. */
  public synchronized void stop() {
    server.stop();
  }

  /** Whether the registry process is running. */
  public synchronized boolean isRunning() {
    return server.isRunning();
  }

  /**
   * {@code http://127.0.0.1:<port>}: the root of Apicurio's own REST APIs ({@code
   * /apis/registry/v3}).
   */
  public String baseUrl() {
    return url(server.port(0));
  }

  /**
   * {@code http://127.0.0.1:<port>/apis/ccompat/v7}: give this to Confluent-style clients as the
   * registry URL.
   */
  public String confluentUrl() {
    return baseUrl() + "/apis/ccompat/v7";
  }

  /** The HTTP port; stable across {@link #stop()} and {@link #start()}. */
  public int port() {
    return server.port(0);
  }

  /** The management port (health, metrics), moved off its 0.0.0.0:9000 default. */
  int managementPort() {
    return server.port(1);
  }

  /** The file receiving the registry's output and the harness's started/stopped lines. */
  public Path logFile() {
    return server.logFile();
  }

  private List<String> command(int[] ports) {
    return List.of(
        java.toString(),
        "-Xmx512m", // Quarkus would take a quarter of RAM; several modules' registries may run at
        // once
        "-XX:TieredStopAtLevel=1", // faster boot on small CI machines; throughput is irrelevant
        // here
        "-Dquarkus.http.host=" + Ports.HOST,
        "-Dquarkus.http.port=" + ports[0],
        // the management interface (health, metrics) defaults to 0.0.0.0:9000, which clashes and is
        // exposed
        "-Dquarkus.management.host=" + Ports.HOST,
        "-Dquarkus.management.port=" + ports[1],
        "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.resolve("db/registry").toAbsolutePath(),
        "-jar",
        runJar.toString());
  }

  private void enforceBackwardCompatibility() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(confluentUrl() + "/config"))
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", CONTENT_TYPE)
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
            .build();
    HttpResponse<String> response = HttpProbe.send(request, "PUT " + request.uri());
    if (response.statusCode() != 200 || !response.body().contains("BACKWARD")) {
      throw new ComponentStartupException(
          "Apicurio Registry refused the global BACKWARD compatibility ("
              + "PUT "
              + request.uri()
              + " answered "
              + response.statusCode()
              + " "
              + response.body()
              + "); see "
              + logFile());
    }
  }

  private static String url(int port) {
    return "http://" + Ports.HOST + ":" + port;
  }
}
