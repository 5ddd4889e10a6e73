package io.clipstream.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Segments as objects in an S3-compatible bucket, each verified after its upload. */
public final class S3SegmentStore implements SegmentStore {

  private final String bucket;
  private final String prefix;
  private final S3Client s3;
  private final S3Objects objects;

  /**
   * @param bucket the bucket
   * @param prefix key prefix, empty or ending in {@code /}
   */
  public S3SegmentStore(String bucket, String prefix, StorageSettings settings) {
    this.bucket = bucket;
    this.prefix = prefix;
    this.s3 = S3Clients.client(settings);
    String endpoint =
        settings.endpoint().map(URI::toString).orElse("AWS S3 " + S3Clients.region(settings));
    this.objects =
        new S3Objects(s3, bucket, new Retrier(settings), new S3Failures(bucket, endpoint));
  }

  @Override
  public StoredObject put(String key, Path file) {
    String full = prefix + SegmentKeys.check(key);
    HeadObjectResponse head = objects.putVerified(full, file, "video/mp4", Map.of());
    return new StoredObject(URI.create("s3://" + bucket + "/" + full), head.contentLength());
  }

  @Override
  public int deleteOlderThan(Instant cutoff) {
    int deleted = 0;
    for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
      if (o.key().endsWith(".mp4") && o.lastModified().isBefore(cutoff)) {
        objects.delete(o.key());
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public URI root() {
    return URI.create("s3://" + bucket + "/" + prefix);
  }

  @Override
  public void close() {
    s3.close();
  }
}
