package io.clipstream.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Segments as files under a root directory, readable by a renderer on the same file system. */
public final class LocalSegmentStore implements SegmentStore {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSegmentStore.class);

  private final Path root;

  public LocalSegmentStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public StoredObject put(String key, Path file) {
    Path target = root.resolve(SegmentKeys.check(key)).normalize();
    if (!target.startsWith(root)) { // check() already forbids this; a second lock is cheap
      throw new IllegalArgumentException("Segment key escapes the store root: " + key);
    }
    try {
      LocalClipStore.place(file, target);
      LocalClipStore.syncDirectory(target.getParent());
      return new StoredObject(target.toUri(), Files.size(target));
    } catch (IOException e) {
      throw new StorageException(
          "Storing segment " + target + " failed: " + e + " (is the disk full or read-only?)",
          true,
          e);
    }
  }

  @Override
  public int deleteOlderThan(Instant cutoff) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> old =
          files
              .filter(p -> p.toString().endsWith(".mp4") && Files.isRegularFile(p))
              .filter(p -> modified(p).isBefore(cutoff))
              .toList();
      int deleted = 0;
      for (Path p : old) {
        try {
          deleted += Files.deleteIfExists(p) ? 1 : 0;
        } catch (IOException e) {
          LOG.warn("Cannot delete expired segment {}: {}", p, e.toString());
        }
      }
      return deleted;
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("Listing segments under " + root + " failed: " + e, true, e);
    }
  }

  private static Instant modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public URI root() {
    return root.toUri();
  }

  @Override
  public void close() {}
}
