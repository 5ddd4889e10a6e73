package io.clipstream.render.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.media.Rational;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.detections.SourceDetection;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads detections in the JSONL format of cv-evidence-renderer: one detection per line with {@code
 * frame_idx} (0 = the file's first frame) or {@code ts} (seconds from the file's start), {@code
 * bbox} {@code [x1, y1, x2, y2]} in source pixels, {@code label}, and optional {@code score},
 * {@code track_id} and {@code color} ({@code [r, g, b]}). Consecutive lines of the same frame form
 * one sample. Errors name the file and line.
 */
public final class DetectionsJsonl {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DetectionsJsonl() {}

  /**
   * @param frameRate the video's frame rate, to place {@code frame_idx} lines at {@code n / fps}
   *     seconds
   * @throws BadInputException for a missing file or a malformed line ({@code file:line: reason})
   */
  public static List<DetectionSample> read(Path file, Rational frameRate) {
    List<DetectionSample> samples = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      long currentPts = Long.MIN_VALUE;
      List<SourceDetection> current = new ArrayList<>();
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Line parsed = parse(file, number, line, frameRate);
        if (parsed.ptsMicros != currentPts && !current.isEmpty()) {
          samples.add(new DetectionSample(currentPts, current));
          current = new ArrayList<>();
        }
        currentPts = parsed.ptsMicros;
        current.add(parsed.detection);
      }
      if (!current.isEmpty()) {
        samples.add(new DetectionSample(currentPts, current));
      }
    } catch (NoSuchFileException e) {
      throw new BadInputException("Detections file not found: " + file);
    } catch (IOException e) {
      throw new BadInputException("Cannot read detections file " + file + ": " + e.getMessage());
    }
    return samples;
  }

  private record Line(long ptsMicros, SourceDetection detection) {}

  private static Line parse(Path file, int number, String text, Rational fps) {
    String where = file + ":" + number + " ";
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadInputException(where + "invalid JSON: " + e.getOriginalMessage());
    }
    if (!node.isObject()) {
      throw new BadInputException(where + "expected a JSON object per line");
    }
    long pts;
    if (node.hasNonNull("frame_idx")) {
      JsonNode idx = node.get("frame_idx");
      if (!idx.canConvertToLong() || !idx.isIntegralNumber() || idx.asLong() < 0) {
        throw new BadInputException(where + "'frame_idx' must be a non-negative integer");
      }
      pts = fps.ticksToMicros(idx.asLong());
    } else if (node.hasNonNull("ts")) {
      if (!node.get("ts").isNumber() || node.get("ts").asDouble() < 0) {
        throw new BadInputException(where + "'ts' must be a non-negative number of seconds");
      }
      pts = Math.round(node.get("ts").asDouble() * 1_000_000.0);
    } else {
      throw new BadInputException(where + "needs 'frame_idx' or 'ts'");
    }
    return new Line(pts, detection(where, node));
  }

  private static SourceDetection detection(String where, JsonNode node) {
    JsonNode bbox = node.get("bbox");
    if (bbox == null || !bbox.isArray() || bbox.size() != 4) {
      throw new BadInputException(where + "'bbox' must be a list of 4 numbers [x1, y1, x2, y2]");
    }
    float[] b = new float[4];
    for (int i = 0; i < 4; i++) {
      if (!bbox.get(i).isNumber()) {
        throw new BadInputException(where + "'bbox' values must be numeric");
      }
      b[i] = (float) bbox.get(i).asDouble();
    }
    JsonNode label = node.get("label");
    if (label == null || !label.isTextual() || label.asText().isBlank()) {
      throw new BadInputException(where + "'label' must be a non-empty string");
    }
    float score = Float.NaN;
    if (node.hasNonNull("score")) {
      if (!node.get("score").isNumber()) {
        throw new BadInputException(where + "'score' must be a number");
      }
      score = (float) node.get("score").asDouble();
    }
    OptionalLong track = OptionalLong.empty();
    if (node.hasNonNull("track_id")) {
      if (!node.get("track_id").isIntegralNumber()) {
        throw new BadInputException(where + "'track_id' must be an integer");
      }
      track = OptionalLong.of(node.get("track_id").asLong());
    }
    return new SourceDetection(
        b[0], b[1], b[2], b[3], label.asText(), track, score, color(where, node));
  }

  private static OptionalInt color(String where, JsonNode node) {
    if (!node.hasNonNull("color")) {
      return OptionalInt.empty();
    }
    JsonNode c = node.get("color");
    if (!c.isArray() || c.size() != 3) {
      throw new BadInputException(where + "'color' must be a 3-element list [r, g, b]");
    }
    int rgb = 0;
    for (int i = 0; i < 3; i++) {
      int v = c.get(i).asInt(-1);
      if (!c.get(i).isIntegralNumber() || v < 0 || v > 255) {
        throw new BadInputException(where + "'color' values must be integers 0-255");
      }
      rgb = (rgb << 8) | v;
    }
    return OptionalInt.of(rgb);
  }
}
