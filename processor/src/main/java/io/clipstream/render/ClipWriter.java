package io.clipstream.render;

import io.clipstream.image.YuvImage;
import io.clipstream.media.ClipEncoder;
import io.clipstream.media.VideoFrame;
import io.clipstream.media.YuvFrames;
import io.clipstream.render.detections.TimelineBox;
import io.clipstream.render.output.FrameRecord;
import io.clipstream.render.output.OutputClock;
import io.clipstream.render.output.ThumbnailPicker;
import io.clipstream.render.overlay.FrameOverlay;
import io.clipstream.render.overlay.OverlayBox;
import io.clipstream.render.overlay.OverlayPainter;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the frames of one clip into its MP4: keeps every {@code stride}-th frame, copies it into
 * the encoder's own picture (the decoded frame may be shared with other clips and is never drawn
 * on), paints the overlays, encodes, and records what was drawn for the side-car. Holds one encoder
 * and at most one extra picture (the thumbnail candidate); the encoder is opened with the first
 * kept frame.
 */
final class ClipWriter implements AutoCloseable {

  private static final DateTimeFormatter BANNER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

  private final ClipRequest request;
  private final ClipPlan plan;
  private final OverlayPainter painter;
  private final OutputClock clock;
  private final ThumbnailPicker thumbnail;
  private final List<FrameRecord> frames = new ArrayList<>();
  private final List<SourceStats> stats = new ArrayList<>();
  private ClipEncoder encoder;
  private SourceStats current;
  private BoxLookup boxes = BoxLookup.NONE;
  private final RenderProgress progress;
  private final long expectedFrames;
  private long seen;

  ClipWriter(ClipRequest request, ClipPlan plan, RenderProgress progress) {
    this.request = request;
    this.plan = plan;
    this.progress = progress;
    this.expectedFrames =
        Math.max(
            1, Math.round(plan.totalMicros() / 1e6 * plan.sourceFps().toDouble() / plan.stride()));
    RenderSettings settings = request.settings();
    this.painter =
        settings.overlays()
            ? new OverlayPainter(plan.width(), plan.height(), settings.style())
            : null;
    this.clock = new OutputClock(plan.outputFps(), plan.preservesTiming());
    this.thumbnail = settings.thumbnail() ? new ThumbnailPicker(request.focusTracks()) : null;
  }

  /** The frames that follow belong to {@code source} (sources arrive in playing order). */
  void beginSource(PlannedSource source) {
    current = new SourceStats(source);
    stats.add(current);
    boxes = painter == null ? BoxLookup.NONE : BoxLookups.forSource(source, request.settings());
    clock.startSource();
  }

  /** A decoded frame of the current source, inside its range, in presentation order. */
  void accept(VideoFrame frame) {
    current.decoded(frame.ptsMicros());
    if (seen++ % plan.stride() != 0) {
      return;
    }
    if (encoder == null) {
      encoder =
          ClipEncoder.open(
              request.videoPath(),
              plan.width(),
              plan.height(),
              plan.outputFps(),
              request.settings().encoder());
    }
    SourceSlice source = current.planned.source();
    Instant wallClock = source.wallClock(frame.ptsMicros());
    boolean inEvent = request.event().contains(wallClock);
    YuvImage canvas = encoder.canvas();
    YuvFrames.copy(frame.image(), canvas);
    List<TimelineBox> drawn = boxes.boxesAt(frame.ptsMicros(), request.focusTracks());
    List<OverlayBox> overlayBoxes = new ArrayList<>(drawn.size());
    for (TimelineBox box : drawn) {
      overlayBoxes.add(box.box());
    }
    if (painter != null) {
      painter.paint(
          canvas,
          new FrameOverlay(
              current.planned.info().width(),
              current.planned.info().height(),
              overlayBoxes,
              request.settings().zones(),
              Optional.of(banner(wallClock)),
              inEvent));
    }
    int index = frames.size();
    long tick = clock.next(frame.ptsMicros());
    encoder.write(tick);
    current.written(index);
    frames.add(
        new FrameRecord(
            index,
            clock.micros(tick),
            current.planned.index(),
            frame.ptsMicros(),
            wallClock,
            drawn));
    if (thumbnail != null) {
      thumbnail.offer(canvas, index, inEvent, overlayBoxes);
    }
    progress.frameWritten(request, frames.size(), expectedFrames);
  }

  private String banner(Instant wallClock) {
    return request.cameraId() + "  " + BANNER_TIME.format(wallClock);
  }

  boolean hasFrames() {
    return !frames.isEmpty();
  }

  ClipEncoder encoder() {
    return encoder;
  }

  List<FrameRecord> frames() {
    return frames;
  }

  List<SourceStats> sourceStats() {
    return stats;
  }

  ThumbnailPicker thumbnail() {
    return thumbnail;
  }

  ClipRequest request() {
    return request;
  }

  ClipPlan plan() {
    return plan;
  }

  @Override
  public void close() {
    if (encoder != null) {
      encoder.close(); // deletes the temporary file unless finished
    }
  }
}
