package io.clipstream.planner;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FrameDetections;
import io.clipstream.contracts.OutputLocation;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.Segment;
import io.clipstream.contracts.SourceClip;
import io.clipstream.contracts.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the render command of a ready clip group; pure, so it is tested without Kafka. */
final class CommandAssembler {

  /** Event attribute listing every event of a merged clip (the primary event's id first). */
  static final String MERGED_EVENTS_ATTRIBUTE = "clipstream.merged_event_ids";

  private CommandAssembler() {}

  /**
   * @param group events of the clip, earliest start first (one unless merged)
   * @param coverage the segments and gaps of the group's window
   * @param frames detection frames of the camera in the window's detector-clock range
   * @param offsetMs recorder clock minus detector clock of the camera
   */
  static RenderCommand assemble(
      ClipGroup group,
      Coverage coverage,
      List<DetectionFrame> frames,
      long offsetMs,
      long requestedAt) {
    ClipWindow primary = group.primary();
    String camera = primary.event().getCameraId();
    List<SourceClip> sources = new ArrayList<>();
    // Segments of one camera may overlap (a file announced twice under two names, a recorder that
    // restarted): each instant of the window is taken from the earliest-starting file covering it,
    // so that no footage is shown twice and time never runs backwards in the clip.
    long covered = group.start();
    for (Segment s : coverage.segments()) {
      long from = Math.max(covered, s.getStart().toEpochMilli());
      long to = Math.min(group.end(), s.getEnd().toEpochMilli());
      if (to <= from) {
        continue; // wholly inside footage an earlier file already gives
      }
      sources.add(source(s, from, to, frames, offsetMs));
      covered = to;
    }
    return RenderCommand.newBuilder()
        .setClipId(group.clipId())
        .setEvent(mergedEvent(group))
        .setCameraId(camera)
        .setWindow(
            new TimeRange(Instant.ofEpochMilli(group.start()), Instant.ofEpochMilli(group.end())))
        .setSources(sources)
        .setOptions(primary.options())
        .setOutput(
            new OutputLocation(
                // No storage root: the renderer writes to the store it is configured with.
                null,
                ClipIds.outputKey(
                    camera,
                    primary.event().getEventId(),
                    primary.event().getStart(),
                    group.clipId())))
        .setGaps(coverage.gaps())
        .setAutoClosed(group.autoClosed())
        .setForce(false)
        .setRequestedAt(Instant.ofEpochMilli(requestedAt))
        .setDetectorModels(detectorModels(sources, frames, offsetMs))
        .build();
  }

  /**
   * The distinct model names of the frames the clip's sources show, in order of first appearance:
   * they end up in the clip's signed Content Credentials, so a reviewer knows what drew the boxes.
   */
  private static List<String> detectorModels(
      List<SourceClip> sources, List<DetectionFrame> frames, long offsetMs) {
    Set<String> models = new LinkedHashSet<>();
    for (DetectionFrame f : frames) {
      long t = f.getCaptureTime().toEpochMilli() + offsetMs;
      boolean shown =
          sources.stream()
              .anyMatch(
                  s -> {
                    long start = s.getFileStart().toEpochMilli();
                    return t >= start + s.getLocalFromMs() && t < start + s.getLocalToMs();
                  });
      f.getOptionalModel().filter(m -> shown && !m.isBlank()).ifPresent(models::add);
    }
    return new ArrayList<>(models);
  }

  /** The part [from, to) of segment {@code s}, recorder clock, with its detections. */
  private static SourceClip source(
      Segment s, long from, long to, List<DetectionFrame> frames, long offsetMs) {
    long segStart = s.getStart().toEpochMilli();
    List<FrameDetections> local = new ArrayList<>();
    for (DetectionFrame f : frames) {
      // Detector clock -> recorder clock -> the file's local time.
      long t = f.getCaptureTime().toEpochMilli() + offsetMs;
      if (t >= from && t < to) {
        local.add(
            FrameDetections.newBuilder()
                .setLocalTimeMs(t - segStart)
                .setFrameIndex(null) // the detector's index is of its input stream, not this file
                .setCaptureTime(f.getCaptureTime())
                .setDetections(f.getDetections())
                .build());
      }
    }
    return SourceClip.newBuilder()
        .setUri(s.getUri())
        .setFileStart(s.getStart())
        .setLocalFromMs(from - segStart)
        .setLocalToMs(to - segStart)
        .setFps(s.getFps())
        .setWidth(s.getWidth())
        .setHeight(s.getHeight())
        .setCodec(s.getCodec())
        .setDetections(local)
        .build();
  }

  /** The primary event; for a merged clip with every member's focus tracks and ids added. */
  private static Event mergedEvent(ClipGroup group) {
    Event primary = group.primary().event();
    if (group.members().size() == 1) {
      return primary;
    }
    Set<Long> focus = new LinkedHashSet<>();
    List<String> ids = new ArrayList<>();
    for (ClipWindow w : group.members()) {
      focus.addAll(w.event().getFocusTrackIds());
      ids.add(w.event().getEventId());
    }
    Map<String, String> attributes = new LinkedHashMap<>(primary.getAttributes());
    attributes.put(MERGED_EVENTS_ATTRIBUTE, String.join(",", ids));
    return Event.newBuilder(primary)
        .setFocusTrackIds(new ArrayList<>(focus))
        .setAttributes(attributes)
        .setEnd(
            Instant.ofEpochMilli(
                group.members().stream()
                    .mapToLong(w -> w.event().getEnd().toEpochMilli())
                    .max()
                    .orElseThrow()))
        .build();
  }
}
