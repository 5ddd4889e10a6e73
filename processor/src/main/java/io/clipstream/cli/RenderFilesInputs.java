package io.clipstream.cli;

import io.clipstream.media.VideoInfo;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.input.BadInputException;
import io.clipstream.render.input.DetectionsJsonl;
import io.clipstream.render.request.SourceSlice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns files and seconds given on a command line or in a batch spec into {@link SourceSlice}s:
 * probes each video (frame rate for {@code frame_idx}, duration for open-ended windows), reads each
 * detections file once, and lays consecutive files end to end on the wall clock (an NVR's
 * segments).
 */
final class RenderFilesInputs {

  private final Function<String, VideoInfo> probe;
  private final Map<String, List<DetectionSample>> detections = new HashMap<>();

  RenderFilesInputs(Function<String, VideoInfo> probe) {
    this.probe = probe;
  }

  /** One file's part of a clip; null {@code from}/{@code to} mean the file's start/end. */
  record Part(Path video, Path detections, Double from, Double to) {}

  List<SourceSlice> sources(List<Part> parts, Instant wallClockOfFirst) {
    List<SourceSlice> sources = new ArrayList<>();
    Instant zero = wallClockOfFirst;
    for (Part part : parts) {
      VideoInfo info = info(part.video());
      double duration =
          info.durationMicros() > 0 ? info.durationMicros() / 1e6 : Double.MAX_VALUE / 4;
      double from = part.from() == null ? 0 : part.from();
      double to = part.to() == null ? duration : part.to();
      if (from < 0 || to <= from) {
        throw new BadInputException(
            String.format(
                "The window %.3f-%.3f s of %s is empty or negative", from, to, part.video()));
      }
      if (from >= duration) {
        throw new BadInputException(
            String.format(
                "The window starts at %.3f s but %s is only %.3f s long",
                from, part.video(), duration));
      }
      List<DetectionSample> samples =
          part.detections() == null ? List.of() : detections(part.detections(), info);
      sources.add(
          new SourceSlice(
              part.video().toString(),
              Math.round(from * 1e6),
              Math.round(to * 1e6),
              zero,
              samples));
      zero =
          zero.plusNanos(
              Math.round(duration * 1e9)); // the next segment starts where this file ends
    }
    return sources;
  }

  VideoInfo info(Path video) {
    return probe.apply(video.toString());
  }

  private List<DetectionSample> detections(Path file, VideoInfo info) {
    return detections.computeIfAbsent(
        file.toAbsolutePath() + "@" + info.frameRate(),
        k -> DetectionsJsonl.read(file, info.frameRate()));
  }

  /** Parses {@code FILE:FROM:TO} (seconds; FROM or TO may be empty), splitting from the right. */
  static Part parseSegment(String text, Path detections) {
    int last = text.lastIndexOf(':');
    int middle = last > 0 ? text.lastIndexOf(':', last - 1) : -1;
    if (middle <= 0) {
      throw new BadInputException("--source needs FILE:FROM:TO (seconds), got '" + text + "'");
    }
    return new Part(
        Path.of(text.substring(0, middle)),
        detections,
        seconds(text.substring(middle + 1, last), text),
        seconds(text.substring(last + 1), text));
  }

  private static Double seconds(String value, String whole) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new BadInputException("'" + value + "' in '" + whole + "' is not a number of seconds");
    }
  }
}
