package io.clipstream.render.request;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything one clip needs: where the footage is, what to draw, how to encode and where to write.
 * The renderer writes {@code <name>.mp4}, {@code <name>.json} (side-car) and {@code <name>.jpg}
 * into {@code outputDir}.
 *
 * @param clipId stable identifier recorded in the side-car
 * @param cameraId shown in the banner
 * @param sources the files in playing order; they become one continuous clip
 * @param event the event the clip is about (wall clock)
 * @param focusTracks track ids the event is about: emphasised, and used to pick the thumbnail
 * @param settings rendering options
 * @param outputDir directory for the three outputs
 * @param name base file name of the outputs (letters, digits, {@code . _ -})
 */
public record ClipRequest(
    String clipId,
    String cameraId,
    List<SourceSlice> sources,
    EventWindow event,
    Set<Long> focusTracks,
    RenderSettings settings,
    Path outputDir,
    String name) {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  public ClipRequest {
    Objects.requireNonNull(clipId, "clipId");
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(outputDir, "outputDir");
    sources = List.copyOf(sources);
    focusTracks = Set.copyOf(focusTracks);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("Clip " + clipId + " has no source");
    }
    if (name == null || !SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Output name '" + name + "' must be letters, digits, '.', '_' or '-'");
    }
  }

  public Path videoPath() {
    return outputDir.resolve(name + ".mp4");
  }

  public Path sidecarPath() {
    return outputDir.resolve(name + ".json");
  }

  public Path thumbnailPath() {
    return outputDir.resolve(name + ".jpg");
  }
}
