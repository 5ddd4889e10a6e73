package io.clipstream.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where recorded NVR segments go (a local directory or an S3-compatible bucket; {@link
 * ClipStores#openSegments} picks one): each segment is one object, stored durably before it is
 * announced, and deleted by age. Implementations are thread-safe.
 */
public interface SegmentStore extends AutoCloseable {

  /**
   * Stores {@code file} under {@code key} ({@code camera/yyyy/MM/dd/name.mp4}, safe segments only)
   * and returns only once it is durably stored and verified.
   *
   * @throws StorageException when the store fails; {@link StorageException#retryable()} says
   *     whether trying again later may help
   */
  StoredObject put(String key, Path file);

  /** Deletes every segment stored before {@code cutoff}; returns how many. */
  int deleteOlderThan(Instant cutoff);

  /** The root this store writes under ({@code file:///dir/} or {@code s3://bucket/prefix/}). */
  URI root();

  @Override
  void close();
}
