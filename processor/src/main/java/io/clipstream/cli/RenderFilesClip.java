package io.clipstream.cli;

import io.clipstream.render.input.BadInputException;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What a clip is about: camera, wall clock, event and focus tracks (command-line options and batch
 * fields).
 */
final class RenderFilesClip {

  @Option(
      names = "--camera",
      paramLabel = "ID",
      defaultValue = "camera",
      description = "Camera id shown in the banner (default: ${DEFAULT-VALUE}).")
  String camera = "camera";

  @Option(
      names = "--wall-clock",
      paramLabel = "ISO-8601",
      description =
          "Wall-clock time of the first video's start, e.g. 2024-05-24T05:53:00Z (default: 1970-01-01,"
              + " so the banner shows the time into the video).")
  String wallClock;

  @Option(
      names = "--event-start",
      paramLabel = "SECONDS",
      description = "Event start in the first video (default: the window start).")
  Double eventStart;

  @Option(
      names = "--event-end",
      paramLabel = "SECONDS",
      description = "Event end in the first video (default: the window end).")
  Double eventEnd;

  @Option(
      names = "--focus-track",
      paramLabel = "ID",
      description = "Track the event is about; repeatable.")
  List<Long> focusTracks = new ArrayList<>();

  ClipRequest request(
      List<RenderFilesInputs.Part> parts,
      Path output,
      RenderSettings settings,
      RenderFilesInputs inputs) {
    List<SourceSlice> sources = inputs.sources(parts, parseInstant(wallClock));
    return build(
        idOf(output), camera, sources, eventStart, eventEnd, focusTracks, settings, output);
  }

  static ClipRequest build(
      String clipId,
      String camera,
      List<SourceSlice> sources,
      Double eventStart,
      Double eventEnd,
      List<Long> focus,
      RenderSettings settings,
      Path output) {
    if (!output.getFileName().toString().toLowerCase().endsWith(".mp4")) {
      throw new BadInputException("The output must be an .mp4 file, got " + output);
    }
    SourceSlice first = sources.get(0);
    SourceSlice last = sources.get(sources.size() - 1);
    Instant start =
        eventStart == null
            ? first.wallClock(first.fromMicros())
            : first.wallClock(micros(eventStart));
    Instant end =
        eventEnd == null ? last.wallClock(last.toMicros()) : first.wallClock(micros(eventEnd));
    if (end.isBefore(start)) {
      throw new BadInputException("The event ends before it starts");
    }
    Path dir = output.toAbsolutePath().getParent();
    return new ClipRequest(
        clipId,
        camera,
        sources,
        new EventWindow(start, end),
        new LinkedHashSet<>(focus),
        settings,
        dir,
        idOf(output));
  }

  static String idOf(Path output) {
    String name = output.getFileName().toString();
    return name.substring(0, name.length() - 4);
  }

  static Instant parseInstant(String text) {
    if (text == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          "'" + text + "' is not an ISO-8601 instant such as 2024-05-24T05:53:00Z");
    }
  }

  private static long micros(double seconds) {
    return Math.round(seconds * 1e6);
  }
}
