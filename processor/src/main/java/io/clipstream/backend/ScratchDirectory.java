package io.clipstream.backend;

import io.clipstream.media.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renderer's scratch directory ({@code render.work.dir}), held by one process at a time. A
 * render killed with its process (SIGKILL, OOM kill) leaves its half-written clip there; nothing
 * else would ever delete it, so the next process to hold the directory removes whatever is in it
 * before rendering. The hold is an OS file lock, released by the kernel when the process dies; a
 * second instance pointed at the same directory finds it locked and leaves the files alone.
 */
public final class ScratchDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);

  static final String LOCK_FILE = ".clipstream-renderer.lock";

  /** The base name of a render's files in its scratch directory ({@link CommandTranslator}). */
  static final String RENDER_FILE_STEM = CommandTranslator.OUTPUT_STEM;

  private final FileChannel channel;
  private final FileLock lock;

  private ScratchDirectory(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates {@code dir} if needed, locks it and deletes what a dead process left in it. When
   * another running process holds it, logs a warning and cleans nothing.
   */
  public static ScratchDirectory claim(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        lock = null;
      }
      if (lock == null) {
        LOG.warn(
            "Render work directory {} is in use by another running renderer; leaving its files"
                + " alone. Give each instance its own render.work.dir, or files of a killed"
                + " render there are never cleaned up",
            dir);
      } else {
        removeLeftovers(dir);
      }
      return new ScratchDirectory(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot prepare the render work directory "
              + dir
              + " ("
              + e
              + "); make it writable by the service or set render.work.dir",
          e);
    }
  }

  private static void removeLeftovers(Path dir) throws IOException {
    List<Path> left = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.filter(ScratchDirectory::isRenderScratch).forEach(left::add);
    }
    for (Path p : left) {
      Directories.deleteTree(p);
    }
    if (!left.isEmpty()) {
      LOG.info(
          "Removed {} scratch director{} from {} left by renders that did not finish (the"
              + " previous process was killed); their commands are still pending and render again",
          left.size(),
          left.size() == 1 ? "y" : "ies",
          dir);
    }
  }

  /**
   * A render's own scratch directory: a directory holding only its output files, named after the
   * directory ({@code <dir>.mp4}, {@code .json}, {@code .jpg}, since they carry the stored object's
   * name) or {@code clip.*} as before, and their dot-prefixed {@code .part} temporaries; possibly
   * none yet. Anything else in a work directory someone pointed at a shared place is not ours to
   * delete.
   */
  static boolean isRenderScratch(Path entry) {
    if (!Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String dirName = entry.getFileName().toString();
    try (Stream<Path> files = Files.list(entry)) {
      return files.allMatch(
          f -> {
            String name = f.getFileName().toString();
            return Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && (isOutputOf(name, dirName) || isOutputOf(name, RENDER_FILE_STEM));
          });
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isOutputOf(String fileName, String stem) {
    return fileName.startsWith(stem + ".") || fileName.startsWith("." + stem + ".");
  }

  /** True when this process holds the directory (and cleaned it). */
  public boolean held() {
    return lock != null;
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      LOG.debug("Releasing the work directory lock: {}", e.toString());
    }
  }
}
