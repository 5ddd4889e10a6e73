package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Where clips are stored: a local directory or an S3-compatible bucket. */
public final class StorageKeys {

  public static final String URI_KEY = "storage.uri";
  public static final String S3_ENDPOINT = "storage.s3.endpoint";
  public static final String S3_REGION = "storage.s3.region";
  public static final String S3_PATH_STYLE = "storage.s3.path.style";
  public static final String PRESIGN_TTL_MS = "storage.presign.ttl.ms";
  public static final String RETRY_ATTEMPTS = "storage.retry.attempts";
  public static final String RETRY_BACKOFF_MS = "storage.retry.backoff.ms";

  private StorageKeys() {}

  static ConfigDef define(ConfigDef def) {
    return def.define(
            URI_KEY,
            Type.STRING,
            "./clips",
            Checks.of(
                "a directory path, file:///path or s3://bucket[/prefix]",
                v -> problem(v.toString())),
            HIGH,
            "Where clips, side-cars and thumbnails are written: a directory (a path, relative to"
                + " the working directory unless absolute, or file:///path) or s3://bucket[/prefix]."
                + " S3 credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY, profiles, instance or pod roles).")
        .define(
            S3_ENDPOINT,
            Type.STRING,
            null,
            Checks.of("http(s)://host[:port]", v -> httpProblem(v.toString())),
            MEDIUM,
            "Endpoint of an S3-compatible store (MinIO, Ceph, S3Proxy). Unset: AWS S3 for the"
                + " region.")
        .define(
            S3_REGION,
            Type.STRING,
            "us-east-1",
            Checks.nonBlank(),
            MEDIUM,
            "S3 region (signing region of S3-compatible stores).")
        .define(
            S3_PATH_STYLE,
            Type.BOOLEAN,
            null,
            MEDIUM,
            "Address buckets as endpoint/bucket instead of bucket.endpoint. Unset: true when"
                + " storage.s3.endpoint is set (most S3-compatible stores need it), else false.")
        .define(
            PRESIGN_TTL_MS,
            Type.LONG,
            0L,
            Checks.atLeast(0),
            LOW,
            "Lifetime of the presigned URL put in clip-ready records (S3 only); 0 puts none."
                + " Milliseconds.")
        .define(
            RETRY_ATTEMPTS,
            Type.INT,
            5,
            Checks.atLeast(1),
            LOW,
            "Attempts (the first included) of a storage operation that fails transiently before"
                + " the clip fails (the recorder: before a segment is kept on disk).")
        .define(
            RETRY_BACKOFF_MS,
            Type.LONG,
            500L,
            Checks.atLeast(1),
            LOW,
            "Wait before the first retry, doubled on each further one (up to 10 s, give or take"
                + " 20 %). Milliseconds.");
  }

  /** The storage layer's settings; credentials come from the AWS SDK's default chain. */
  static StorageSettings settings(AbstractConfig values) {
    Optional<URI> endpoint = Optional.ofNullable(values.getString(S3_ENDPOINT)).map(URI::create);
    Boolean pathStyle = values.getBoolean(S3_PATH_STYLE);
    StorageSettings.Builder settings =
        StorageSettings.builder()
            .region(values.getString(S3_REGION))
            .presignLifetime(Duration.ofMillis(values.getLong(PRESIGN_TTL_MS)))
            .maxAttempts(values.getInt(RETRY_ATTEMPTS))
            .initialBackoff(Duration.ofMillis(values.getLong(RETRY_BACKOFF_MS)));
    endpoint.ifPresent(settings::endpoint);
    settings.pathStyle(pathStyle != null ? pathStyle : endpoint.isPresent());
    return settings.build();
  }

  /**
   * {@code s3://} as is; {@code file:} URIs and plain paths as an absolute {@code file:} URI
   * without a trailing slash.
   */
  static URI normalize(String value) {
    if (value.startsWith("s3://")) {
      return URI.create(value);
    }
    Path path = value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
    // Path.toUri() appends '/' only when the directory exists: strip it so the URI is stable.
    String uri = path.toAbsolutePath().normalize().toUri().toString();
    return URI.create(
        uri.endsWith("/") && uri.length() > "file:///".length()
            ? uri.substring(0, uri.length() - 1)
            : uri);
  }

  static String problem(String value) {
    try {
      if (value.startsWith("s3://")) {
        return URI.create(value).getHost() == null ? "no bucket name" : null;
      }
      normalize(value);
      return value.isBlank() ? "blank" : null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  static String httpProblem(String value) {
    try {
      URI uri = URI.create(value);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return http && uri.getHost() != null ? null : "not an http(s) URL with a host";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
