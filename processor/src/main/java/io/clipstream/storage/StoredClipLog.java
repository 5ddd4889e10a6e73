package io.clipstream.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DEBUG line per stored (or reused) clip, the same for every store (the service logs the one
 * INFO line per clip).
 */
final class StoredClipLog {

  private static final Logger LOG = LoggerFactory.getLogger(ClipStore.class);

  private StoredClipLog() {}

  static void log(StoredClip clip, long startedNanos) {
    LOG.debug(
        "{} clip {} at {} ({} bytes MP4) in {} ms",
        clip.reused() ? "Kept stored" : "Stored",
        clip.clipId(),
        clip.video().uri(),
        clip.video().bytes(),
        (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
