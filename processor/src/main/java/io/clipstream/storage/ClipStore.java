package io.clipstream.storage;

import java.net.URI;
import java.util.Optional;

/**
 * Where rendered clips go: a local directory ({@link LocalClipStore}) or an S3-compatible bucket
 * ({@link S3ClipStore}); {@link ClipStores#open} picks one from a URI.
 *
 * <p>A clip is stored as {@code keyStem.mp4}, {@code keyStem.json} and optionally {@code
 * keyStem.jpg}. The side-car is written last, so its presence marks a <em>complete</em> clip: a
 * crash mid-upload leaves no side-car, and the next attempt uploads again. Each implementation
 * documents what else it checks. Implementations are thread-safe.
 */
public interface ClipStore extends AutoCloseable {

  /**
   * Stores the clip's files under {@code keyStem} and returns only once they are durably stored and
   * verified, so the caller may announce them.
   *
   * <p>When a complete clip is already stored under {@code keyStem} (a replay, or another instance
   * got there first), it is kept and returned with {@link StoredClip#reused()} set: the first copy
   * may already be announced, so it must not change under its readers. With {@code force} the
   * stored clip is replaced (its side-car is removed first, so it never looks complete while
   * half-replaced).
   *
   * @param keyStem a key stem from {@link ClipKeys#stem}
   * @throws StorageException when the store fails; {@link StorageException#retryable()} says
   *     whether trying the clip again later may help
   */
  StoredClip store(ClipFiles files, String keyStem, boolean force);

  /**
   * The complete clip stored under {@code keyStem}, if any: lets a caller skip a render whose
   * result is already stored.
   */
  Optional<StoredClip> find(String clipId, String keyStem);

  /**
   * A URL a browser can open for the MP4 under {@code keyStem}: a presigned GET (valid for the
   * configured lifetime) for S3 when presigning is enabled; empty otherwise.
   */
  Optional<URI> playableUrl(String keyStem);

  /** The root this store writes under ({@code file:///dir/} or {@code s3://bucket/prefix/}). */
  URI root();

  @Override
  void close();
}
