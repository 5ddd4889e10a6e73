package io.clipstream.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one INFO line per stored (or reused) clip, the same for every store. */
final class StoredClipLog {

  private static final Logger LOG = LoggerFactory.getLogger(ClipStore.class);

  private StoredClipLog() {}

  static void log(StoredClip clip, long startedNanos) {
    LOG.info(
        "{} clip {} at {} ({} bytes MP4) in {} ms",
        clip.reused() ? "Kept stored" : "Stored",
        clip.clipId(),
        clip.video().uri(),
        clip.video().bytes(),
        (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
