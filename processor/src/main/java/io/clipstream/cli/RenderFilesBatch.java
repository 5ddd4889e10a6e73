package io.clipstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clipstream.render.input.BadInputException;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a batch spec (JSON, or YAML for {@code .yaml}/{@code .yml}); paths are relative to the
 * spec's folder.
 *
 * <pre>
 * output_dir: evidence                 # default: the spec's folder
 * camera: cam-22                       # default camera of every clip
 * settings: {max_duration: 15, strategy: timelapse}   # defaults over the command-line options
 * clips:
 *   - id: event_001                    # output file is event_001.mp4 unless "output" is given
 *     wall_clock: 2024-05-24T05:53:00Z # of the first source's start
 *     event: {start: 14.0, end: 20.0}  # seconds in the first source; default: the window
 *     focus_tracks: [7]
 *     settings: {crf: 20}
 *     sources:
 *       - {video: day.mp4, detections: day.jsonl, from: 12.5, to: 22.0}
 * </pre>
 */
final class RenderFilesBatch {

  private static final Set<String> TOP = Set.of("output_dir", "camera", "settings", "clips");
  private static final Set<String> CLIP =
      Set.of(
          "id", "output", "camera", "wall_clock", "event", "focus_tracks", "settings", "sources");
  private static final Set<String> SOURCE = Set.of("video", "detections", "from", "to");

  private RenderFilesBatch() {}

  static List<ClipRequest> load(
      Path spec, RenderSettings defaults, RenderFilesClip cli, RenderFilesInputs inputs) {
    JsonNode root = read(spec);
    Path base = spec.toAbsolutePath().getParent();
    known(root, TOP, spec.toString());
    Path outputDir =
        root.hasNonNull("output_dir") ? base.resolve(root.get("output_dir").asText()) : base;
    RenderSettings common =
        RenderFilesSettingsReader.apply(root.get("settings"), defaults, "settings");
    String camera = root.path("camera").asText(cli.camera);
    JsonNode clips = root.get("clips");
    if (clips == null || !clips.isArray() || clips.isEmpty()) {
      throw new BadInputException(spec + ": 'clips' must be a non-empty list");
    }
    List<ClipRequest> requests = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      requests.add(clip(clips.get(i), "clips[" + i + "]", base, outputDir, common, camera, inputs));
    }
    return requests;
  }

  private static ClipRequest clip(
      JsonNode node,
      String where,
      Path base,
      Path outputDir,
      RenderSettings common,
      String camera,
      RenderFilesInputs inputs) {
    known(node, CLIP, where);
    if (!node.hasNonNull("id") && !node.hasNonNull("output")) {
      throw new BadInputException(where + ": give an 'id' or an 'output'");
    }
    Path output =
        outputDir.resolve(
            node.hasNonNull("output")
                ? node.get("output").asText()
                : node.get("id").asText() + ".mp4");
    JsonNode sourcesNode = node.get("sources");
    if (sourcesNode == null || !sourcesNode.isArray() || sourcesNode.isEmpty()) {
      throw new BadInputException(where + ": 'sources' must be a non-empty list");
    }
    List<RenderFilesInputs.Part> parts = new ArrayList<>();
    for (int s = 0; s < sourcesNode.size(); s++) {
      JsonNode src = sourcesNode.get(s);
      String at = where + ".sources[" + s + "]";
      known(src, SOURCE, at);
      if (!src.hasNonNull("video")) {
        throw new BadInputException(at + ": 'video' is required");
      }
      parts.add(
          new RenderFilesInputs.Part(
              base.resolve(src.get("video").asText()),
              src.hasNonNull("detections") ? base.resolve(src.get("detections").asText()) : null,
              number(src, "from", at),
              number(src, "to", at)));
    }
    List<Long> focus = new ArrayList<>();
    node.path("focus_tracks").forEach(t -> focus.add(t.asLong()));
    JsonNode event = node.path("event");
    RenderSettings settings =
        RenderFilesSettingsReader.apply(node.get("settings"), common, where + ".settings");
    String id = node.hasNonNull("id") ? node.get("id").asText() : RenderFilesClip.idOf(output);
    return RenderFilesClip.build(
        id,
        node.path("camera").asText(camera),
        inputs.sources(
            parts,
            RenderFilesClip.parseInstant(
                node.hasNonNull("wall_clock") ? node.get("wall_clock").asText() : null)),
        number(event, "start", where + ".event"),
        number(event, "end", where + ".event"),
        focus,
        settings,
        output);
  }

  static Double number(JsonNode node, String field, String where) {
    if (node == null || !node.hasNonNull(field)) {
      return null;
    }
    if (!node.get(field).isNumber()) {
      throw new BadInputException(where + "." + field + " must be a number of seconds");
    }
    return node.get(field).asDouble();
  }

  static void known(JsonNode node, Set<String> fields, String where) {
    if (node == null || !node.isObject()) {
      throw new BadInputException(where + " must be an object");
    }
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!fields.contains(f)) {
                throw new BadInputException(
                    where + ": unknown field '" + f + "' (known: " + fields + ")");
              }
            });
  }

  private static JsonNode read(Path spec) {
    String name = spec.getFileName().toString().toLowerCase();
    ObjectMapper mapper =
        name.endsWith(".yaml") || name.endsWith(".yml")
            ? new ObjectMapper(new YAMLFactory())
            : new ObjectMapper();
    try {
      return mapper.readTree(spec.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new BadInputException("Batch spec not found: " + spec);
    } catch (IOException e) {
      throw new BadInputException("Cannot parse batch spec " + spec + ": " + e.getMessage());
    }
  }
}
