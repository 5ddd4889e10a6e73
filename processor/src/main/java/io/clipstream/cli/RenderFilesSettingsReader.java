package io.clipstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.media.VideoCodec;
import io.clipstream.render.input.BadInputException;
import io.clipstream.render.request.DurationStrategy;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.ResolutionPolicy;
import java.util.Locale;
import java.util.Set;

/**
 * Applies a batch spec's {@code settings} object (same names as the command-line options) over
 * defaults.
 */
final class RenderFilesSettingsReader {

  private static final Set<String> FIELDS =
      Set.of(
          "crf",
          "preset",
          "encoder",
          "overlays",
          "hold",
          "interpolate",
          "max_duration",
          "strategy",
          "stride",
          "speed",
          "thumbnail",
          "resolution");

  private RenderFilesSettingsReader() {}

  static RenderSettings apply(JsonNode node, RenderSettings base, String where) {
    if (node == null || node.isNull()) {
      return base;
    }
    RenderFilesBatch.known(node, FIELDS, where);
    RenderSettings.Builder b = base.toBuilder();
    var encoder = base.encoder();
    try {
      if (node.has("crf")) {
        encoder = encoder.withCrf(node.get("crf").asInt());
      }
      if (node.has("preset")) {
        encoder = encoder.withPreset(node.get("preset").asText());
      }
      if (node.has("encoder")) {
        encoder = encoder.withCodec(VideoCodec.parse(node.get("encoder").asText()));
      }
      b.encoder(encoder);
      if (node.has("overlays")) {
        b.overlays(node.get("overlays").asBoolean());
      }
      if (node.has("hold")) {
        b.holdMicros(Math.round(node.get("hold").asDouble() * 1e6));
      }
      if (node.has("interpolate")) {
        b.interpolate(node.get("interpolate").asBoolean());
      }
      if (node.has("max_duration")) {
        b.maxDurationMicros(Math.round(node.get("max_duration").asDouble() * 1e6));
      }
      if (node.has("strategy")) {
        b.strategy(
            DurationStrategy.valueOf(node.get("strategy").asText().toUpperCase(Locale.ROOT)));
      }
      if (node.has("stride")) {
        b.stride(node.get("stride").asInt());
      }
      if (node.has("speed")) {
        b.speed(node.get("speed").asDouble());
      }
      if (node.has("thumbnail")) {
        b.thumbnail(node.get("thumbnail").asBoolean());
      }
      if (node.has("resolution")) {
        b.resolutionPolicy(
            ResolutionPolicy.valueOf(node.get("resolution").asText().toUpperCase(Locale.ROOT)));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(where + ": " + e.getMessage());
    }
  }
}
