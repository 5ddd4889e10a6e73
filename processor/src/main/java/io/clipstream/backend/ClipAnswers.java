package io.clipstream.backend;

import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.TimeRange;
import io.clipstream.render.ClipResult;
import io.clipstream.storage.StoredClip;
import io.clipstream.storage.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Builds the {@link ClipReady} answer to a command whose clip is rendered and stored. */
final class ClipAnswers {

  /**
   * Key prefix of the unredacted original of a redacted clip, in front of the clip's own key stem:
   * the two can then be given different bucket policies (docs/redaction.md).
   */
  static final String ORIGINAL_PREFIX = "original/";

  private ClipAnswers() {}

  static ClipReady ready(
      RenderCommand command,
      ClipResult result,
      StoredClip stored,
      Optional<Duration> urlLifetime,
      long elapsedMillis,
      Instant now,
      String version) {
    ClipReady.Builder b =
        ClipReady.newBuilder()
            .setClipId(command.getClipId())
            .setEventId(command.getEvent().getEventId())
            .setCameraId(command.getCameraId())
            .setTrigger(command.getEvent().getTrigger())
            .setVideoUri(stored.video().uri().toString())
            .setSidecarUri(stored.sidecar().uri().toString())
            .setThumbnailUri(
                stored.thumbnail().map(StoredObject::uri).map(Object::toString).orElse(null))
            .setRequestedWindow(command.getWindow())
            .setActualWindow(new TimeRange(result.firstFrame(), justAfterLastFrame(result)))
            .setFrames(result.frames())
            .setFps(result.frameRate().toDouble())
            .setWidth(result.width())
            .setHeight(result.height())
            .setSizeBytes(stored.video().bytes())
            .setSha256(stored.sha256())
            .setRenderTimeMs(elapsedMillis)
            .setHasGaps(!command.getGaps().isEmpty())
            .setGaps(command.getGaps())
            .setStreamCopied(result.streamCopied())
            .setAutoClosed(command.getAutoClosed())
            .setRedacted(result.redacted())
            .setCreatedAt(now)
            .setProducerVersion(version);
    stored
        .playableUrl()
        .ifPresent(
            url -> {
              b.setPlayableUrl(url.toString());
              urlLifetime.ifPresent(lifetime -> b.setPlayableUrlExpiresAt(now.plus(lifetime)));
            });
    return b.build();
  }

  /** {@code ready} announcing also the unredacted original stored beside the redacted clip. */
  static ClipReady withOriginal(ClipReady ready, StoredClip original) {
    return ClipReady.newBuilder(ready)
        .setOriginalVideoUri(original.video().uri().toString())
        .setOriginalSidecarUri(original.sidecar().uri().toString())
        .setOriginalThumbnailUri(
            original.thumbnail().map(StoredObject::uri).map(Object::toString).orElse(null))
        .setOriginalSizeBytes(original.video().bytes())
        .setOriginalSha256(original.sha256())
        .build();
  }

  /** The contract's window end: one frame period after the last frame starts. */
  private static Instant justAfterLastFrame(ClipResult result) {
    double fps = result.frameRate().toDouble();
    long frameMicros = fps > 0 ? Math.round(1_000_000 / fps) : 0;
    return result.lastFrame().plusNanos(frameMicros * 1000);
  }
}
