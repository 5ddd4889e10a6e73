package io.clipstream.storage;

import java.net.URI;
import java.util.Objects;

/**
 * One stored object (or file).
 *
 * @param uri where it is: {@code s3://bucket/key} or {@code file:///path}
 * @param bytes its size
 */
public record StoredObject(URI uri, long bytes) {

  public StoredObject {
    Objects.requireNonNull(uri, "uri");
  }
}
