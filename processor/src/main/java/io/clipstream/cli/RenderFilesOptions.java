package io.clipstream.cli;

import io.clipstream.media.EncoderSettings;
import io.clipstream.media.VideoCodec;
import io.clipstream.render.overlay.OverlayZone;
import io.clipstream.render.request.DurationStrategy;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.ResolutionPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The rendering options of {@code clipstream render}; for a batch they are the defaults of every
 * clip.
 */
final class RenderFilesOptions {

  @Option(
      names = "--crf",
      paramLabel = "0-51",
      defaultValue = "23",
      description =
          "x264 constant rate factor: lower is better and bigger (default: ${DEFAULT-VALUE}).")
  int crf;

  @Option(
      names = "--preset",
      defaultValue = "veryfast",
      description = "x264 preset, ultrafast .. veryslow (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(
      names = "--encoder",
      defaultValue = "auto",
      description =
          "auto (x264, else OpenH264), x264, openh264 or nvenc (default: ${DEFAULT-VALUE}).")
  String encoder;

  @Option(
      names = "--no-overlays",
      description = "Draw nothing; the clip is stream-copied when every frame is kept.")
  boolean noOverlays;

  @Option(
      names = "--hold",
      paramLabel = "SECONDS",
      defaultValue = "0.5",
      description =
          "Keep a detection visible this long on later frames (default: ${DEFAULT-VALUE}).")
  double holdSeconds;

  @Option(
      names = "--no-interpolate",
      description = "Do not move boxes of a track smoothly between detections.")
  boolean noInterpolate;

  @Option(
      names = "--max-duration",
      paramLabel = "SECONDS",
      description = "Longest clip wanted; see --strategy (default: no limit).")
  Double maxDurationSeconds;

  @Option(
      names = "--strategy",
      defaultValue = "keep",
      description =
          "Over --max-duration: keep, trim (around the event), timelapse; or stride (default: "
              + "${DEFAULT-VALUE}).")
  DurationStrategy strategy;

  @Option(
      names = "--stride",
      defaultValue = "1",
      description = "With --strategy stride: keep every N-th frame.")
  int stride;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description = "With --strategy stride: playback speed.")
  double speed;

  @Option(names = "--no-thumbnail", description = "Do not write the JPEG thumbnail.")
  boolean noThumbnail;

  @Option(
      names = "--resolution",
      defaultValue = "scale",
      description =
          "Sources of another size than the first: scale or refuse (default: ${DEFAULT-VALUE}).")
  ResolutionPolicy resolution;

  @Option(
      names = "--zone",
      paramLabel = "NAME[@#RRGGBB]=X,Y;X,Y;...",
      description = "A polygon drawn on every frame, in source pixels; repeatable.")
  List<String> zones = new ArrayList<>();

  @Option(
      names = "--line",
      paramLabel = "NAME[@#RRGGBB]=X,Y;X,Y",
      description = "A line (tripwire) drawn on every frame, in source pixels; repeatable.")
  List<String> lines = new ArrayList<>();

  /** The settings these options describe; IllegalArgumentException names the bad value. */
  RenderSettings toSettings() {
    if (holdSeconds < 0) {
      throw new IllegalArgumentException("--hold must not be negative, got " + holdSeconds);
    }
    if (maxDurationSeconds != null && !(maxDurationSeconds > 0)) {
      throw new IllegalArgumentException(
          "--max-duration must be positive, got " + maxDurationSeconds);
    }
    if (maxDurationSeconds == null
        && (strategy == DurationStrategy.TRIM || strategy == DurationStrategy.TIMELAPSE)) {
      throw new IllegalArgumentException(
          "--strategy " + strategy.name().toLowerCase() + " needs --max-duration");
    }
    EncoderSettings encoding =
        EncoderSettings.defaults()
            .withCodec(VideoCodec.parse(encoder))
            .withCrf(crf)
            .withPreset(preset);
    return RenderSettings.builder()
        .overlays(!noOverlays)
        .holdMicros(Math.round(holdSeconds * 1e6))
        .interpolate(!noInterpolate)
        .strategy(strategy)
        .maxDurationMicros(maxDurationSeconds == null ? 0 : Math.round(maxDurationSeconds * 1e6))
        .stride(stride)
        .speed(speed)
        .encoder(encoding)
        .thumbnail(!noThumbnail)
        .resolutionPolicy(resolution)
        .zones(overlayZones())
        .build();
  }

  private List<OverlayZone> overlayZones() {
    List<OverlayZone> all = new ArrayList<>();
    zones.forEach(z -> all.add(ZoneSpec.parse(z, true)));
    lines.forEach(l -> all.add(ZoneSpec.parse(l, false)));
    return all;
  }
}
