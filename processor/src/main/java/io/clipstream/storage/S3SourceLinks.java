package io.clipstream.storage;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned GET URLs for {@code s3://bucket/key} source files, so FFmpeg reads footage from S3 over
 * HTTPS with range requests (a seek reads only what it needs) and with the store's credentials.
 */
public final class S3SourceLinks implements AutoCloseable {

  /** Long enough for the slowest render; short enough not to be worth stealing from a log. */
  static final Duration LIFETIME = Duration.ofHours(1);

  private final S3Presigner presigner;

  public S3SourceLinks(StorageSettings settings) {
    this.presigner = S3Clients.presigner(settings);
  }

  /** A URL reading {@code s3Uri}'s object for the next hour. */
  public URI presign(URI s3Uri) {
    String bucket = s3Uri.getHost();
    String key = s3Uri.getPath() == null ? "" : s3Uri.getPath().replaceFirst("^/", "");
    if (bucket == null || key.isEmpty()) {
      throw new IllegalArgumentException(
          "S3 source '" + s3Uri + "' must look like s3://bucket/key");
    }
    return S3Clients.presignGet(presigner, bucket, key, LIFETIME);
  }

  @Override
  public void close() {
    presigner.close();
  }
}
