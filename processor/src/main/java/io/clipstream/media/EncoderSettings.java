package io.clipstream.media;

import java.util.List;
import java.util.Objects;

/**
 * How clips are encoded. Defaults follow what plays everywhere at a sensible size: H.264 High, CRF
 * 23, preset veryfast, a keyframe at least every 2 seconds.
 *
 * @param codec encoder choice
 * @param crf constant rate factor 0-51 (x264; the quality target for NVENC's constant-quality mode)
 * @param preset x264 preset name (mapped to the nearest NVENC preset)
 * @param maxKeyframeIntervalSeconds longest distance between keyframes; players seek to keyframes
 */
public record EncoderSettings(
    VideoCodec codec, int crf, String preset, double maxKeyframeIntervalSeconds) {

  /** The x264 presets, fastest first: the one list the configuration and the CLI check against. */
  public static final List<String> PRESETS =
      List.of(
          "ultrafast",
          "superfast",
          "veryfast",
          "faster",
          "fast",
          "medium",
          "slow",
          "slower",
          "veryslow",
          "placebo");

  public EncoderSettings {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(preset, "preset");
    if (crf < 0 || crf > 51) {
      throw new IllegalArgumentException("CRF must be between 0 and 51, got " + crf);
    }
    if (!PRESETS.contains(preset)) {
      throw new IllegalArgumentException("Unknown preset '" + preset + "': use one of " + PRESETS);
    }
    if (!(maxKeyframeIntervalSeconds > 0)) {
      throw new IllegalArgumentException(
          "Keyframe interval must be positive, got " + maxKeyframeIntervalSeconds);
    }
  }

  public static EncoderSettings defaults() {
    return new EncoderSettings(VideoCodec.AUTO, 23, "veryfast", 2.0);
  }

  public EncoderSettings withCodec(VideoCodec value) {
    return new EncoderSettings(value, crf, preset, maxKeyframeIntervalSeconds);
  }

  public EncoderSettings withCrf(int value) {
    return new EncoderSettings(codec, value, preset, maxKeyframeIntervalSeconds);
  }

  public EncoderSettings withPreset(String value) {
    return new EncoderSettings(codec, crf, value, maxKeyframeIntervalSeconds);
  }

  /**
   * GOP length in frames at {@code fps}: the most frames that fit in the keyframe interval, at
   * least 1.
   */
  public int gopFrames(Rational fps) {
    return Math.max(1, (int) Math.floor(fps.toDouble() * maxKeyframeIntervalSeconds + 1e-9));
  }

  /** NVENC's p1 (fastest) to p7 (best) for an x264 preset name. */
  String nvencPreset() {
    return switch (preset) {
      case "ultrafast", "superfast" -> "p1";
      case "veryfast" -> "p2";
      case "faster" -> "p3";
      case "fast", "medium" -> "p4";
      case "slow" -> "p5";
      case "slower" -> "p6";
      default -> "p7";
    };
  }
}
