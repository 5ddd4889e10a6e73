package io.clipstream.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How stores connect and retry; {@link #defaults()} and {@link #builder()} give the documented
 * defaults (docs/storage.md lists each setting). Only the S3 store uses the S3 settings; both use
 * the retry settings.
 *
 * @param endpoint S3 endpoint override (MinIO, S3Proxy, Ceph...); empty for AWS itself
 * @param region signing region; empty for the SDK's default region chain, else us-east-1
 * @param pathStyle path-style requests ({@code endpoint/bucket/key}) instead of bucket host names
 * @param accessKeyId static access key id; empty for the SDK's default credential chain
 * @param secretAccessKey static secret key, given together with {@code accessKeyId}
 * @param presignLifetime lifetime of presigned GET URLs; zero disables them
 * @param maxAttempts attempts per storage call, counting the first (1 disables retries)
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff cap of the wait between attempts
 * @param connectTimeout time to open a connection to the endpoint
 * @param attemptTimeout time for one request attempt (an upload included) to complete
 */
public record StorageSettings(
    Optional<URI> endpoint,
    Optional<String> region,
    boolean pathStyle,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey,
    Duration presignLifetime,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration attemptTimeout) {

  /** SigV4 presigned URLs cannot live longer than 7 days. */
  public static final Duration MAX_PRESIGN_LIFETIME = Duration.ofDays(7);

  public StorageSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
      throw new IllegalArgumentException(
          "storage credentials: give both the access key id and the secret access key, or neither"
              + " (to use the AWS SDK's default credential chain)");
    }
    if (presignLifetime.isNegative() || presignLifetime.compareTo(MAX_PRESIGN_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "storage presign lifetime must be between 0 (off) and 7 days (the SigV4 limit): "
              + presignLifetime);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("storage max attempts must be at least 1: " + maxAttempts);
    }
    for (Duration d : new Duration[] {initialBackoff, maxBackoff, connectTimeout, attemptTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("storage durations must be positive: " + d);
      }
    }
  }

  /** The documented defaults. */
  public static StorageSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether presigned URLs are wanted. */
  public boolean presign() {
    return !presignLifetime.isZero();
  }

  /** Like the record's, but never prints the secret key. */
  @Override
  public String toString() {
    return "StorageSettings[endpoint="
        + endpoint.map(URI::toString).orElse("(AWS)")
        + ", region="
        + region.orElse("(default chain)")
        + ", pathStyle="
        + pathStyle
        + ", credentials="
        + accessKeyId.map(id -> "static " + id + "/****").orElse("(default chain)")
        + ", presignLifetime="
        + presignLifetime
        + ", maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", connectTimeout="
        + connectTimeout
        + ", attemptTimeout="
        + attemptTimeout
        + "]";
  }

  /** Builder starting from the defaults. */
  public static final class Builder {
    private URI endpoint;
    private String region;
    private Boolean pathStyle;
    private String accessKeyId;
    private String secretAccessKey;
    private Duration presignLifetime = Duration.ZERO;
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration attemptTimeout = Duration.ofMinutes(2);

    private Builder() {}

    public Builder endpoint(URI v) {
      endpoint = v;
      return this;
    }

    public Builder region(String v) {
      region = v;
      return this;
    }

    /** Default: true when an endpoint override is set (most S3-compatible servers want it). */
    public Builder pathStyle(boolean v) {
      pathStyle = v;
      return this;
    }

    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      return this;
    }

    public Builder presignLifetime(Duration v) {
      presignLifetime = v;
      return this;
    }

    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    public Builder initialBackoff(Duration v) {
      initialBackoff = v;
      return this;
    }

    public Builder maxBackoff(Duration v) {
      maxBackoff = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder attemptTimeout(Duration v) {
      attemptTimeout = v;
      return this;
    }

    public StorageSettings build() {
      return new StorageSettings(
          Optional.ofNullable(endpoint),
          Optional.ofNullable(region).filter(r -> !r.isBlank()),
          pathStyle != null ? pathStyle : endpoint != null,
          Optional.ofNullable(accessKeyId).filter(k -> !k.isBlank()),
          Optional.ofNullable(secretAccessKey).filter(k -> !k.isEmpty()),
          Objects.requireNonNull(presignLifetime, "presignLifetime"),
          maxAttempts,
          Objects.requireNonNull(initialBackoff, "initialBackoff"),
          Objects.requireNonNull(maxBackoff, "maxBackoff"),
          Objects.requireNonNull(connectTimeout, "connectTimeout"),
          Objects.requireNonNull(attemptTimeout, "attemptTimeout"));
    }
  }
}
