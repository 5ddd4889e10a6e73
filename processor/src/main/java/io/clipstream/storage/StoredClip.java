package io.clipstream.storage;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A clip that is durably and completely stored: what a clip-ready record announces.
 *
 * @param clipId the clip id
 * @param keyStem the key stem the objects were stored under (without extension)
 * @param video the MP4
 * @param sidecar the JSON side-car
 * @param thumbnail the JPEG thumbnail, when there is one
 * @param sha256 hex SHA-256 of the stored MP4
 * @param playableUrl a URL a browser can open (a presigned GET for S3), when configured
 * @param reused true when a complete copy already stored was kept instead of uploading again
 */
public record StoredClip(
    String clipId,
    String keyStem,
    StoredObject video,
    StoredObject sidecar,
    Optional<StoredObject> thumbnail,
    String sha256,
    Optional<URI> playableUrl,
    boolean reused) {

  public StoredClip {
    Objects.requireNonNull(clipId, "clipId");
    Objects.requireNonNull(keyStem, "keyStem");
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(sidecar, "sidecar");
    Objects.requireNonNull(thumbnail, "thumbnail");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(playableUrl, "playableUrl");
  }
}
