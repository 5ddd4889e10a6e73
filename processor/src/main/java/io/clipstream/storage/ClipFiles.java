package io.clipstream.storage;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The local files of one rendered clip, ready to be stored.
 *
 * @param clipId the clip id (recorded with the objects, for people browsing the bucket)
 * @param video the MP4
 * @param sidecar the JSON side-car
 * @param thumbnail the JPEG thumbnail, when the render produced one
 */
public record ClipFiles(String clipId, Path video, Path sidecar, Optional<Path> thumbnail) {

  public ClipFiles {
    Objects.requireNonNull(clipId, "clipId");
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(sidecar, "sidecar");
    Objects.requireNonNull(thumbnail, "thumbnail");
  }
}
