package io.clipstream.storage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The objects under an {@code s3://bucket/prefix}, listed for an NVR watcher, and presigned GET
 * URLs so FFmpeg can probe one with range requests instead of downloading it. A multipart upload in
 * progress is not listed: S3 shows an object only once its upload completed.
 */
public final class S3PrefixListing implements AutoCloseable {

  /** Long enough to probe one object, short enough not to matter if it ever leaked. */
  static final Duration PROBE_LINK_LIFETIME = Duration.ofMinutes(15);

  private final String bucket;
  private final String prefix;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final Retrier retrier;
  private final S3Failures failures;

  /**
   * @param root {@code s3://bucket} or {@code s3://bucket/prefix} (a prefix is taken as a folder)
   * @throws IllegalArgumentException when {@code root} names no bucket
   */
  public S3PrefixListing(URI root, StorageSettings settings) {
    Location location = parse(root);
    this.bucket = location.bucket();
    this.prefix = location.prefix();
    this.s3 = S3Clients.client(settings);
    this.presigner = S3Clients.presigner(settings);
    this.retrier = new Retrier(settings);
    this.failures =
        new S3Failures(
            bucket,
            settings.endpoint().map(URI::toString).orElse("AWS S3 " + S3Clients.region(settings)));
  }

  /** One listed object: its key relative to the prefix, size and upload time. */
  public record Listed(String relativeKey, long bytes, Instant lastModified) {}

  /** Bucket and key prefix ({@code ""} or ending in {@code /}) of an {@code s3://} root. */
  public record Location(String bucket, String prefix) {}

  /** Splits {@code s3://bucket/prefix}; the prefix gains a trailing {@code /} unless empty. */
  public static Location parse(URI root) {
    if (!"s3".equalsIgnoreCase(root.getScheme()) || root.getHost() == null) {
      throw new IllegalArgumentException(
          "'" + root + "' is no S3 location; write s3://bucket or s3://bucket/prefix");
    }
    String path = root.getPath() == null ? "" : root.getPath().replaceFirst("^/+", "");
    return new Location(root.getHost(), path.isEmpty() || path.endsWith("/") ? path : path + "/");
  }

  /** Every object under the prefix (all pages), retried like every storage call. */
  public List<Listed> list() {
    return retrier.call(
        "LIST s3://" + bucket + "/" + prefix,
        () -> {
          List<Listed> out = new ArrayList<>();
          for (S3Object o :
              s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            if (!o.key().endsWith("/")) { // "folder" markers some tools create
              out.add(new Listed(o.key().substring(prefix.length()), o.size(), o.lastModified()));
            }
          }
          return out;
        },
        e -> failures.classify("LIST", prefix, e));
  }

  /** {@code s3://bucket/prefix+relativeKey}: what the renderer reads (through its own links). */
  public URI uri(String relativeKey) {
    return URI.create("s3://" + bucket + "/" + prefix + relativeKey);
  }

  /** A GET URL of the object for the next minutes, for FFmpeg; never to be logged. */
  public URI presign(String relativeKey) {
    return S3Clients.presignGet(presigner, bucket, prefix + relativeKey, PROBE_LINK_LIFETIME);
  }

  /** {@code s3://bucket/prefix}. */
  public URI root() {
    return URI.create("s3://" + bucket + "/" + prefix);
  }

  @Override
  public void close() {
    presigner.close();
    s3.close();
  }
}
