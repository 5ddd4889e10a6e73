package io.clipstream.backend;

import io.clipstream.render.DecodeMode;
import io.clipstream.render.request.RenderSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How commands become clips: where they are rendered and what they look like unless a command's
 * options say otherwise.
 *
 * @param workDir scratch directory for clips between render and upload
 * @param defaults render settings a command's options are applied over
 * @param decoderCacheSize open decoders kept between commands; 0 disables the cache
 * @param decodeMode where a render's decoder runs
 */
public record BackendSettings(
    Path workDir, RenderSettings defaults, int decoderCacheSize, DecodeMode decodeMode) {

  public BackendSettings {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(defaults, "defaults");
    Objects.requireNonNull(decodeMode, "decodeMode");
    if (decoderCacheSize < 0) {
      throw new IllegalArgumentException(
          "The decoder cache size must not be negative, got " + decoderCacheSize);
    }
  }
}
