package io.clipstream.render;

import io.clipstream.media.CopyResult;
import io.clipstream.media.CopySegment;
import io.clipstream.media.FFmpegRuntime;
import io.clipstream.media.JpegWriter;
import io.clipstream.media.StreamCopier;
import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;
import io.clipstream.media.YuvFrames;
import io.clipstream.render.output.FrameRecord;
import io.clipstream.render.output.Sha256;
import io.clipstream.render.output.Sidecar;
import io.clipstream.render.output.SidecarWriter;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.SourceSlice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a clip without overlays by copying the compressed video (no decode, no quality loss,
 * ~100x faster). The clip starts at the keyframe at or before the window, which the side-car
 * reports per source.
 */
final class StreamCopyRender {

  private static final Logger LOG = LoggerFactory.getLogger(ClipRenderer.class);

  private StreamCopyRender() {}

  /**
   * Copying is possible when nothing is drawn or redacted, every frame is kept, and the sources
   * share codec and size.
   */
  static boolean applies(ClipRequest request, ClipPlan plan) {
    // Redaction rewrites pixels: a copied stream would carry the bystanders unmasked.
    if (request.settings().overlays()
        || request.settings().redaction().active()
        || !plan.preservesTiming()) {
      return false;
    }
    PlannedSource first = plan.sources().get(0);
    return plan.sources().stream()
        .allMatch(s -> !s.scaled() && s.info().codec().equals(first.info().codec()));
  }

  static ClipResult render(ClipRequest request, ClipPlan plan, DecoderCache cache) {
    long start = System.nanoTime();
    List<CopySegment> segments = new ArrayList<>();
    for (PlannedSource s : plan.sources()) {
      segments.add(
          new CopySegment(s.source().uri(), s.source().fromMicros(), s.source().toMicros()));
    }
    CopyResult copy = StreamCopier.copy(segments, request.videoPath());
    Path video = copy.file();
    String sha = Sha256.of(video);
    long bytes = ClipFinisher.size(video);
    List<FrameRecord> frames = new ArrayList<>();
    List<Sidecar.Source> sources = new ArrayList<>();
    long offset = 0;
    long frameMicros = Math.round(plan.sourceFps().den() * 1e6 / plan.sourceFps().num());
    for (int i = 0; i < plan.sources().size(); i++) {
      PlannedSource p = plan.sources().get(i);
      CopyResult.Segment seg = copy.segments().get(i);
      int firstIndex = frames.size();
      for (long pts : seg.framePtsMicros()) {
        frames.add(
            new FrameRecord(
                frames.size(),
                offset + pts - seg.actualStartMicros(),
                p.index(),
                pts,
                p.source().wallClock(pts),
                List.of(),
                List.of()));
      }
      offset += seg.lastFrameMicros() - seg.actualStartMicros() + frameMicros;
      SourceSlice asked = request.sources().get(p.index());
      sources.add(
          new Sidecar.Source(
              p.index(),
              asked.name(),
              asked.wallClockAtZero(),
              asked.fromMicros(),
              asked.toMicros(),
              seg.actualStartMicros(),
              p.source().toMicros(),
              p.info().width(),
              p.info().height(),
              p.info().frameRate().toString(),
              false,
              seg.actualStartMicros(),
              seg.lastFrameMicros(),
              seg.frames(),
              firstIndex,
              frames.size() - 1));
    }
    Optional<Path> thumbnail =
        request.settings().thumbnail() ? thumbnail(request, plan, cache) : Optional.empty();
    Instant first = frames.get(0).wallClock();
    Instant last = frames.get(frames.size() - 1).wallClock();
    SidecarWriter.write(
        request.sidecarPath(),
        new Sidecar(
            request.clipId(),
            request.cameraId(),
            Instant.now(),
            ClipFinisher.softwareVersion(),
            FFmpegRuntime.ffmpegVersion(),
            new Sidecar.Video(
                video.getFileName().toString(),
                sha,
                bytes,
                "copy",
                true,
                plan.width(),
                plan.height(),
                plan.sourceFps().toString(),
                frames.size(),
                copy.durationMicros(),
                first,
                last),
            thumbnail.map(t -> t.getFileName().toString()).orElse(null),
            -1,
            request.event(),
            request.focusTracks(),
            request.settings(),
            1,
            1.0,
            sources,
            frames));
    long millis = (System.nanoTime() - start) / 1_000_000;
    LOG.debug(
        "Stream-copied clip {} (camera {}): {} frames, actual start {} us (asked {} us), {} ms, {} bytes, {}",
        request.clipId(),
        request.cameraId(),
        frames.size(),
        copy.actualStartMicros(),
        plan.sources().get(0).source().fromMicros(),
        millis,
        bytes,
        video);
    return new ClipResult(
        request.clipId(),
        video,
        request.sidecarPath(),
        thumbnail,
        frames.size(),
        plan.sourceFps(),
        plan.width(),
        plan.height(),
        sha,
        first,
        last,
        true,
        false,
        millis,
        bytes,
        Optional.empty(),
        new StageTimes(0, millis));
  }

  /**
   * Without overlays there is nothing to count: the thumbnail is the frame at the event's middle.
   */
  private static Optional<Path> thumbnail(ClipRequest request, ClipPlan plan, DecoderCache cache) {
    Instant middle = request.event().middle();
    PlannedSource chosen = plan.sources().get(0);
    long local = chosen.source().fromMicros();
    for (PlannedSource p : plan.sources()) {
      long t = p.source().localMicros(middle);
      if (t >= p.source().fromMicros() && t < p.source().toMicros()) {
        chosen = p;
        local = t;
        break;
      }
    }
    VideoSource source = cache.acquire(chosen.source().uri(), 0, 0);
    try {
      source.seekTo(local);
      VideoFrame frame = source.next();
      if (frame == null) {
        return Optional.empty();
      }
      YuvFrames.Packed picture = YuvFrames.allocatePacked(plan.width(), plan.height());
      YuvFrames.copy(frame.image(), picture.image());
      source.pushBack();
      return Optional.of(JpegWriter.write(picture, request.thumbnailPath()));
    } finally {
      cache.release(source);
    }
  }
}
