package io.clipstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * A real S3 API: S3Proxy 4 run as a child JVM on 127.0.0.1, storing objects on disk under {@code
 * target/it-data/s3proxy/jvm-<pid>/} (fresh per test JVM, kept across {@link #stop()} and {@link
 * #start()} so that an outage does not lose uploads). Requests must be signed (SigV2 or SigV4) with
 * {@link #accessKey()} and {@link #secretKey()}, as against AWS. Obtain it through {@link
 * RealComponents#s3()}.
 */
public final class RealS3 {

  private static final String REGION = "us-east-1";

  private final Path dataDir = ItDirs.data("s3proxy");
  private final ChildServer server =
      new ChildServer("S3Proxy", "s3proxy.log", dataDir, Duration.ofSeconds(60), 1);
  private final String accessKey = "clipstream-" + randomHex(4);
  private final String secretKey = randomHex(20);
  private Path jar;

  RealS3() {}

  /**
   * Starts S3Proxy unless it runs; after a {@link #stop()} it comes back on the same port with its
   * objects.
   */
  public synchronized void start() {
    if (!server.everStarted()) {
      jar =
          ItDirs.artifact(
              "org.gaul",
              "s3proxy",
              ItDirs.version("s3proxy.version"),
              "jar-with-dependencies",
              "jar");
      server.reapLeftovers();
      ItDirs.deleteRecursively(dataDir.resolve("buckets")); // fresh objects per test JVM
      ItDirs.createDirectories(dataDir.resolve("buckets"));
    }
    // Any HTTP answer means Jetty is up: an unsigned GET / is refused with 403 AccessDenied.
    server.start(this::command, ports -> URI.create(url(ports[0]) + "/"), status -> status > 0);
  }

  /** Stops S3Proxy; clients then get "connection refused" until {@link #start()}. */
  public synchronized void stop() {
    server.stop();
  }

  /** Whether the S3Proxy process is running. */
  public synchronized boolean isRunning() {
    return server.isRunning();
  }

  /**
   * {@code http://127.0.0.1:<port>}: the endpoint override for S3 clients (use path-style
   * addressing).
   */
  public URI endpoint() {
    return URI.create(url(server.port(0)));
  }

  /** The access key id S3Proxy accepts (generated per test JVM). */
  public String accessKey() {
    return accessKey;
  }

  /** The secret access key S3Proxy accepts (generated per test JVM). */
  public String secretKey() {
    return secretKey;
  }

  /** The region to sign for; S3Proxy accepts any, AWS SDKs insist on one. */
  public String region() {
    return REGION;
  }

  /** The file receiving S3Proxy's output and the harness's started/stopped lines. */
  public Path logFile() {
    return server.logFile();
  }

  /**
   * A new client for this server (path-style, signed with the generated keys); the caller closes
   * it.
   */
  public S3Client s3Client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true) // bucket-in-hostname would need DNS for <bucket>.127.0.0.1
        .httpClientBuilder(
            Apache5HttpClient.builder()) // explicit: the SDK otherwise picks by classpath order
        .build();
  }

  /** Puts back what {@link #asDefaultCredentials} replaced. */
  public interface Restore extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Makes the AWS SDK's default credential chain answer with this server's keys (the {@code
   * aws.accessKeyId} and {@code aws.secretAccessKey} system properties, first in the chain), as a
   * deployment's environment would, until closed.
   */
  public Restore asDefaultCredentials() {
    java.util.Map<String, String> saved = new java.util.LinkedHashMap<>();
    for (String[] p :
        new String[][] {{"aws.accessKeyId", accessKey}, {"aws.secretAccessKey", secretKey}}) {
      saved.put(p[0], System.getProperty(p[0]));
      System.setProperty(p[0], p[1]);
    }
    return () ->
        saved.forEach(
            (k, v) -> {
              if (v == null) {
                System.clearProperty(k);
              } else {
                System.setProperty(k, v);
              }
            });
  }

  /** Creates {@code bucket} unless it exists (idempotent). */
  public void createBucket(String bucket) {
    try (S3Client s3 = s3Client()) {
      s3.createBucket(request -> request.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException alreadyThere) {
      // idempotent by contract
    }
  }

  private List<String> command(int[] ports) {
    Path properties = dataDir.resolve("s3proxy.properties");
    String content =
        String.join(
            System.lineSeparator(),
            "s3proxy.endpoint=" + url(ports[0]),
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + accessKey,
            "s3proxy.credential=" + secretKey,
            "s3proxy.ignore-unknown-headers=true", // the SDK's multipart upload sends headers
            // S3Proxy does not know
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + dataDir.resolve("buckets").toAbsolutePath(),
            "");
    try {
      Files.writeString(properties, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + properties, e);
    }
    Path java =
        Path.of(System.getProperty("java.home"), "bin", "java"); // S3Proxy 4 runs on Java 17
    return List.of(
        java.toString(),
        "-Xmx256m",
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener", // no logback
        // boot
        // chatter
        "-jar",
        jar.toString(),
        "--properties",
        properties.toString());
  }

  private static String url(int port) {
    return "http://" + Ports.HOST + ":" + port;
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
