package io.clipstream.render;

import io.clipstream.media.Rational;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a render produced.
 *
 * @param clipId the request's clip id
 * @param video the MP4
 * @param sidecar the JSON side-car
 * @param thumbnail the JPEG, when requested and a frame was available
 * @param frames frames in the MP4
 * @param frameRate the MP4's frame rate
 * @param width picture width
 * @param height picture height
 * @param sha256 hex digest of the MP4
 * @param firstFrame wall-clock time of the first frame
 * @param lastFrame wall-clock time of the last frame
 * @param streamCopied the clip was cut without re-encoding (starts at a keyframe, no overlays)
 * @param redacted regions were masked by the request's redaction policy (see {@code
 *     docs/redaction.md})
 * @param renderMillis wall time the render took
 * @param bytes size of the MP4
 * @param unredacted the unredacted original rendered from the same decode, for a redacted clip that
 *     asked to keep one
 * @param stages how the render time split between decoding and encoding
 */
public record ClipResult(
    String clipId,
    Path video,
    Path sidecar,
    Optional<Path> thumbnail,
    long frames,
    Rational frameRate,
    int width,
    int height,
    String sha256,
    Instant firstFrame,
    Instant lastFrame,
    boolean streamCopied,
    boolean redacted,
    long renderMillis,
    long bytes,
    Optional<ClipResult> unredacted,
    StageTimes stages) {

  /** This result with its unredacted original attached. */
  ClipResult withUnredacted(ClipResult original) {
    return new ClipResult(
        clipId,
        video,
        sidecar,
        thumbnail,
        frames,
        frameRate,
        width,
        height,
        sha256,
        firstFrame,
        lastFrame,
        streamCopied,
        redacted,
        renderMillis,
        bytes,
        Optional.of(original),
        stages);
  }
}
