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

  /** The contract's window end: one frame period after the last frame starts. */
  private static Instant justAfterLastFrame(ClipResult result) {
    double fps = result.frameRate().toDouble();
    long frameMicros = fps > 0 ? Math.round(1_000_000 / fps) : 0;
    return result.lastFrame().plusNanos(frameMicros * 1000);
  }
}
