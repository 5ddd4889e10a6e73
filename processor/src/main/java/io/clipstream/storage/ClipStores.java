package io.clipstream.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Opens the {@link ClipStore} a storage URI names. */
public final class ClipStores {

  /** What {@link #open} accepts, for error messages and docs. */
  public static final String SUPPORTED =
      "file:///absolute/dir (a local directory) or s3://bucket[/prefix] (any S3-compatible store)";

  private ClipStores() {}

  /**
   * {@code file:///dir} opens a {@link LocalClipStore} on {@code dir} (created on first store);
   * {@code s3://bucket/prefix} an {@link S3ClipStore} writing under {@code prefix/} in {@code
   * bucket}. Opening contacts nothing: a missing bucket or bad credentials show on first use.
   *
   * @throws IllegalArgumentException for any other URI, naming the supported ones
   */
  public static ClipStore open(URI uri, StorageSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Location at = locate(uri);
    return at instanceof Bucket b
        ? new S3ClipStore(b.bucket(), b.prefix(), settings)
        : new LocalClipStore(((Local) at).dir());
  }

  /**
   * A store for recorded segments at {@code uri}: the same URIs as {@link #open}. Opening contacts
   * nothing.
   */
  public static SegmentStore openSegments(URI uri, StorageSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Location at = locate(uri);
    return at instanceof Bucket b
        ? new S3SegmentStore(b.bucket(), b.prefix(), settings)
        : new LocalSegmentStore(((Local) at).dir());
  }

  /** Where a storage URI points. */
  private sealed interface Location permits Local, Bucket {}

  private record Local(Path dir) implements Location {}

  private record Bucket(String bucket, String prefix) implements Location {}

  private static Location locate(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file":
        if (uri.isOpaque() || uri.getPath() == null || uri.getPath().isEmpty()) {
          throw unsupported(uri, "a file URI needs an absolute path, as in file:///var/clips");
        }
        return new Local(Path.of(uri));
      case "s3":
        return bucketPrefix(uri);
      default:
        throw unsupported(uri, "unknown scheme '" + scheme + "'");
    }
  }

  private static Bucket bucketPrefix(URI uri) {
    // getAuthority, not getHost: bucket names such as "my_bucket" are not valid host names.
    String bucket = uri.getAuthority();
    if (bucket == null || bucket.isBlank() || uri.getQuery() != null || uri.getFragment() != null) {
      throw unsupported(uri, "an s3 URI needs a bucket and no query, as in s3://clips/prefix");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    String prefix = path.isEmpty() ? "" : path + "/";
    if (!prefix.isEmpty()) {
      ClipKeys.checkStem(path); // the prefix obeys the same rules as the keys under it
    }
    return new Bucket(bucket, prefix);
  }

  private static IllegalArgumentException unsupported(URI uri, String why) {
    return new IllegalArgumentException(
        "Unsupported storage URI '" + uri + "': " + why + "; supported: " + SUPPORTED);
  }
}
