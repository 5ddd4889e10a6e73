package io.clipstream.ingest.folder;

import io.clipstream.storage.S3PrefixListing;
import io.clipstream.storage.StorageSettings;
import java.net.URI;
import java.util.List;

/**
 * Recordings under an S3 prefix, reached with the storage.s3.* settings. The ledger knows each by
 * its full {@code s3://} URI, so prefixes of different buckets can share a ledger topic.
 */
final class S3Recordings implements Recordings {

  private final S3PrefixListing listing;

  S3Recordings(URI root, StorageSettings storage) {
    this.listing = new S3PrefixListing(root, storage);
  }

  @Override
  public List<Recording> list() {
    return listing.list().stream()
        .sorted(java.util.Comparator.comparing(S3PrefixListing.Listed::relativeKey))
        .map(
            o ->
                new Recording(
                    listing.root() + o.relativeKey(), o.relativeKey(), o.bytes(), o.lastModified()))
        .toList();
  }

  @Override
  public String uri(Recording recording) {
    return listing.uri(recording.relativePath()).toString();
  }

  @Override
  public String probeLocation(Recording recording) {
    return listing.presign(recording.relativePath()).toString();
  }

  @Override
  public String root() {
    return listing.root().toString();
  }

  @Override
  public void close() {
    listing.close();
  }
}
