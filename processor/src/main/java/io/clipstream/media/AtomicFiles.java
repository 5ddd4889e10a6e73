package io.clipstream.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves a finished temporary file over its final name in one step, so readers see all of it or
 * nothing.
 */
public final class AtomicFiles {

  private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE =
      java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * A new empty file beside {@code target} (same directory, so the final move is atomic), hidden by
   * a leading dot, readable by others like a normally created file (temporary files default to
   * owner-only, and the clip keeps the temporary file's permissions when moved into place).
   */
  public static Path temporarySibling(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
      try {
        Files.setPosixFilePermissions(temp, READABLE);
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its defaults apply
      }
      return temp;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a file in " + dir + ": " + e.getMessage(), e);
    }
  }

  public static void moveIntoPlace(Path temp, Path target) {
    try {
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Same directory, so this only happens on exotic file systems; a plain replace is the best
        // left.
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot move " + temp + " to " + target + ": " + e.getMessage(), e);
    }
  }
}
