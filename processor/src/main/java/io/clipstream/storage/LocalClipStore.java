package io.clipstream.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clips in a local directory ({@code file:///dir}, the default store).
 *
 * <p>Each file is copied to a hidden temporary file beside its target, flushed to disk and renamed
 * over the target in one step, so readers see a whole file or none. The side-car is moved last: a
 * clip is <em>complete</em> when its side-car and its MP4 exist. Leftovers of a crash (a hidden
 * {@code .part} file, or an MP4 without side-car) are never taken for a stored clip.
 */
public final class LocalClipStore implements ClipStore {

  private static final Logger LOG = LoggerFactory.getLogger(LocalClipStore.class);

  private final Path root;

  public LocalClipStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public StoredClip store(ClipFiles files, String keyStem, boolean force) {
    long started = System.nanoTime();
    Path video = target(keyStem, ".mp4");
    Path sidecar = target(keyStem, ".json");
    Path thumbnail = target(keyStem, ".jpg");
    try {
      if (!force) {
        Optional<StoredClip> existing = find(files.clipId(), keyStem);
        if (existing.isPresent()) {
          StoredClipLog.log(existing.get(), started);
          return existing.get();
        }
      }
      // Unmark the clip first: while its files are replaced it must not look complete.
      Files.deleteIfExists(sidecar);
      String sha256 = Digests.sha256Hex(files.video());
      place(files.video(), video);
      if (files.thumbnail().isPresent()) {
        place(files.thumbnail().get(), thumbnail);
      } else {
        Files.deleteIfExists(thumbnail); // a forced clip without thumbnail must not keep an old one
      }
      place(files.sidecar(), sidecar);
      syncDirectory(sidecar.getParent());
      StoredClip stored = describe(files.clipId(), keyStem, sha256, false);
      StoredClipLog.log(stored, started);
      return stored;
    } catch (IOException e) {
      throw failure("Storing clip " + files.clipId() + " under " + root.resolve(keyStem), e);
    }
  }

  @Override
  public Optional<StoredClip> find(String clipId, String keyStem) {
    Path video = target(keyStem, ".mp4");
    if (!Files.isRegularFile(target(keyStem, ".json")) || !Files.isRegularFile(video)) {
      return Optional.empty();
    }
    try {
      return Optional.of(describe(clipId, keyStem, Digests.sha256Hex(video), true));
    } catch (IOException e) {
      throw failure("Reading stored clip " + video, e);
    }
  }

  /** Local files need no presigning: the MP4's {@code file:} URI is all there is. */
  @Override
  public Optional<URI> playableUrl(String keyStem) {
    return Optional.empty();
  }

  @Override
  public URI root() {
    return root.toUri();
  }

  @Override
  public void close() {}

  private StoredClip describe(String clipId, String keyStem, String sha256, boolean reused)
      throws IOException {
    Path thumbnail = target(keyStem, ".jpg");
    return new StoredClip(
        clipId,
        keyStem,
        object(target(keyStem, ".mp4")),
        object(target(keyStem, ".json")),
        Files.isRegularFile(thumbnail) ? Optional.of(object(thumbnail)) : Optional.empty(),
        sha256,
        Optional.empty(),
        reused);
  }

  private static StoredObject object(Path file) throws IOException {
    return new StoredObject(file.toUri(), Files.size(file));
  }

  private Path target(String keyStem, String extension) {
    Path target = root.resolve(ClipKeys.checkStem(keyStem) + extension).normalize();
    if (!target.startsWith(root)) { // checkStem already forbids this; a second lock is cheap
      throw new IllegalArgumentException("Key stem escapes the store root: " + keyStem);
    }
    return target;
  }

  /** Copies {@code source} to {@code target} durably and atomically (temp file, fsync, rename). */
  static void place(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
    try {
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true); // the rename must not reach the disk before the bytes do
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING); // same directory: rare
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    if (Files.size(target) != Files.size(source)) {
      throw new IOException("Size of " + target + " differs from " + source + " after copying");
    }
  }

  // Makes the renames durable; some file systems cannot open a directory, and then this is moot.
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("Cannot sync directory {}: {}", dir, e.toString());
    }
  }

  private StorageException failure(String what, IOException e) {
    if (e instanceof NoSuchFileException missing
        && !missing.getFile().startsWith(root.toString())) {
      return new StorageException(
          what + " failed: the rendered file " + missing.getFile() + " does not exist", false, e);
    }
    if (e instanceof AccessDeniedException) {
      return new StorageException(
          what
              + " failed: permission denied on "
              + e.getMessage()
              + "; give the service write access to "
              + root,
          false,
          e);
    }
    return new StorageException(
        what + " failed: " + e + "; check that " + root + " is mounted, writable and not full",
        true,
        e);
  }
}
