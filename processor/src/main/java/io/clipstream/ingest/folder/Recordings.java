package io.clipstream.ingest.folder;

import io.clipstream.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Where an NVR keeps its recordings: a local folder or an S3 prefix. */
interface Recordings extends AutoCloseable {

  /**
   * One recording file or object.
   *
   * @param ledgerKey what the ledger remembers it by (unique across the roots sharing a ledger)
   * @param relativePath its path under the root, {@code /}-separated, matched against the layout
   * @param bytes its size
   * @param modified when it was last written (an S3 object: when its upload completed)
   */
  record Recording(String ledgerKey, String relativePath, long bytes, Instant modified) {}

  /** Every file under the root, in a stable order. */
  List<Recording> list();

  /** The URI announced on the segments topic: {@code file:///...} or {@code s3://...}. */
  String uri(Recording recording);

  /** What FFmpeg opens to probe it: a path, or a presigned URL that must never be logged. */
  String probeLocation(Recording recording);

  /** The root, as configured, for logs and the transactional id. */
  String root();

  @Override
  void close();

  /** A local folder for a path, an S3 prefix for {@code s3://bucket/prefix}. */
  static Recordings open(String root, StorageSettings storage) {
    if (root.regionMatches(true, 0, "s3://", 0, 5)) {
      return new S3Recordings(URI.create(root), storage);
    }
    return new LocalRecordings(Path.of(root));
  }
}
