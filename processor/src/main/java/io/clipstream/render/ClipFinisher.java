package io.clipstream.render;

import io.clipstream.media.FFmpegRuntime;
import io.clipstream.media.JpegWriter;
import io.clipstream.render.output.FrameRecord;
import io.clipstream.render.output.Sha256;
import io.clipstream.render.output.Sidecar;
import io.clipstream.render.output.SidecarWriter;
import io.clipstream.render.output.ThumbnailPicker;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.SourceSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a re-encoded clip: moves the MP4 into place, hashes it, writes thumbnail and side-car.
 */
final class ClipFinisher {

  private static final Logger LOG = LoggerFactory.getLogger(ClipRenderer.class);

  private ClipFinisher() {}

  static ClipResult finish(
      ClipWriter writer, long startNanos, long decodedFrames, long decodeNanos, long encodeNanos) {
    long finishStart = System.nanoTime();
    ClipRequest request = writer.request();
    ClipPlan plan = writer.plan();
    if (!writer.hasFrames()) {
      throw new RenderException(
          RenderException.Reason.NO_FRAMES,
          "No frame of " + describe(request) + " falls inside the requested window");
    }
    Path video = writer.encoder().finish();
    String sha = Sha256.of(video);
    long bytes = size(video);
    ThumbnailPicker picker = writer.thumbnail();
    Optional<Path> thumbnail = Optional.empty();
    if (picker != null && picker.hasPicture()) {
      thumbnail = Optional.of(JpegWriter.write(picker.picture(), request.thumbnailPath()));
    }
    List<FrameRecord> frames = writer.frames();
    FrameRecord first = frames.get(0);
    FrameRecord last = frames.get(frames.size() - 1);
    long duration =
        last.ptsMicros() + Math.round(plan.outputFps().den() * 1e6 / plan.outputFps().num());
    Sidecar.Video videoPart =
        new Sidecar.Video(
            video.getFileName().toString(),
            sha,
            bytes,
            writer.encoder().codec().ffmpegName(),
            false,
            plan.width(),
            plan.height(),
            plan.outputFps().toString(),
            frames.size(),
            duration,
            first.wallClock(),
            last.wallClock());
    List<Sidecar.Source> sources = new ArrayList<>();
    for (SourceStats s : writer.sourceStats()) {
      sources.add(source(request, s));
    }
    SidecarWriter.write(
        request.sidecarPath(),
        new Sidecar(
            request.clipId(),
            request.cameraId(),
            Instant.now(),
            softwareVersion(),
            FFmpegRuntime.ffmpegVersion(),
            videoPart,
            thumbnail.map(p -> p.getFileName().toString()).orElse(null),
            picker == null ? -1 : picker.frameIndex(),
            request.event(),
            request.focusTracks(),
            request.settings(),
            plan.stride(),
            plan.outputFps().toDouble() * plan.stride() / plan.sourceFps().toDouble(),
            sources,
            frames));
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    LOG.debug(
        "Rendered clip {} (camera {}): {} frames {}x{} @ {} fps from {} source(s), {} decoded, {} ms"
            + " ({} fps), {} bytes, {}",
        request.clipId(),
        request.cameraId(),
        frames.size(),
        plan.width(),
        plan.height(),
        plan.outputFps(),
        sources.size(),
        decodedFrames,
        millis,
        millis == 0 ? "-" : String.format("%.1f", frames.size() * 1000.0 / millis),
        bytes,
        video);
    return new ClipResult(
        request.clipId(),
        video,
        request.sidecarPath(),
        thumbnail,
        frames.size(),
        plan.outputFps(),
        plan.width(),
        plan.height(),
        sha,
        first.wallClock(),
        last.wallClock(),
        false,
        request.settings().redaction().active(),
        millis,
        bytes,
        Optional.empty(),
        StageTimes.ofNanos(decodeNanos, encodeNanos + System.nanoTime() - finishStart));
  }

  private static Sidecar.Source source(ClipRequest request, SourceStats s) {
    PlannedSource p = s.planned;
    SourceSlice asked = request.sources().get(p.index());
    return new Sidecar.Source(
        p.index(),
        asked.name(),
        asked.wallClockAtZero(),
        asked.fromMicros(),
        asked.toMicros(),
        p.source().fromMicros(),
        p.source().toMicros(),
        p.info().width(),
        p.info().height(),
        p.info().frameRate().toString(),
        p.scaled(),
        s.firstPts,
        s.lastPts,
        s.decodedInRange,
        s.firstOutputIndex,
        s.lastOutputIndex);
  }

  static String describe(ClipRequest request) {
    return request.sources().size() == 1
        ? request.sources().get(0).name()
        : request.sources().size() + " sources (" + request.sources().get(0).name() + ", ...)";
  }

  static String softwareVersion() {
    String version = ClipRenderer.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
