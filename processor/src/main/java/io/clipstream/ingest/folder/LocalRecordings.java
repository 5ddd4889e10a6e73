package io.clipstream.ingest.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Recordings in a local (or mounted) folder; the ledger knows them by their relative path. */
final class LocalRecordings implements Recordings {

  private final Path root;

  LocalRecordings(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public List<Recording> list() {
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          root + " is not a directory; set ingest.folder.root to the NVR's folder");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root, e);
    }
    List<Recording> out = new ArrayList<>();
    for (Path file : files) {
      String relative = root.relativize(file).toString().replace('\\', '/');
      try {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        out.add(
            new Recording(relative, relative, attrs.size(), attrs.lastModifiedTime().toInstant()));
      } catch (IOException e) {
        // deleted between listing and reading: the next scan sees it gone
      }
    }
    return out;
  }

  @Override
  public String uri(Recording recording) {
    return file(recording).toUri().toString();
  }

  @Override
  public String probeLocation(Recording recording) {
    return file(recording).toString();
  }

  private Path file(Recording recording) {
    return root.resolve(recording.relativePath());
  }

  @Override
  public String root() {
    return root.toString();
  }

  @Override
  public void close() {
    // nothing held
  }
}
