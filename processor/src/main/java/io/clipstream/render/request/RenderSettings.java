package io.clipstream.render.request;

import io.clipstream.media.EncoderSettings;
import io.clipstream.render.overlay.OverlayStyle;
import io.clipstream.render.overlay.OverlayZone;
import java.util.List;
import java.util.Objects;

/**
 * How a clip is rendered. Build with {@link #builder()}; every field has a default that suits
 * evidence clips.
 *
 * @param overlays draw boxes, labels, banner and marker (off: the clip is stream-copied when
 *     possible)
 * @param holdMicros how long a detection stays visible on later frames when the detector is slower
 *     than video
 * @param interpolate move boxes of the same track smoothly between detections
 * @param maxInterpolationGapMicros detections further apart than this are not interpolated between
 * @param strategy what to do when the window is longer than {@code maxDurationMicros}
 * @param maxDurationMicros longest clip wanted (0 = no limit) for TRIM and TIMELAPSE
 * @param stride keep every n-th frame (STRIDE)
 * @param speed playback speed (STRIDE); the output frame rate never exceeds the source's
 * @param encoder codec, CRF, preset, keyframe interval
 * @param thumbnail write a JPEG thumbnail
 * @param resolutionPolicy sources whose size differs from the first source's: scale or refuse
 * @param zones polygons and lines drawn on every frame, in source pixels
 * @param style overlay look (line and text scale, font, colour matrix)
 */
public record RenderSettings(
    boolean overlays,
    long holdMicros,
    boolean interpolate,
    long maxInterpolationGapMicros,
    DurationStrategy strategy,
    long maxDurationMicros,
    int stride,
    double speed,
    EncoderSettings encoder,
    boolean thumbnail,
    ResolutionPolicy resolutionPolicy,
    List<OverlayZone> zones,
    OverlayStyle style) {

  public RenderSettings {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(resolutionPolicy, "resolutionPolicy");
    Objects.requireNonNull(style, "style");
    zones = List.copyOf(zones);
    if (holdMicros < 0 || maxInterpolationGapMicros < 0 || maxDurationMicros < 0) {
      throw new IllegalArgumentException(
          "Hold, interpolation gap and maximum duration must not be negative");
    }
    if (stride < 1) {
      throw new IllegalArgumentException("Stride must be at least 1, got " + stride);
    }
    if (!(speed > 0) || speed > 1000) {
      throw new IllegalArgumentException("Speed must be in (0, 1000], got " + speed);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.overlays = overlays;
    b.holdMicros = holdMicros;
    b.interpolate = interpolate;
    b.maxInterpolationGapMicros = maxInterpolationGapMicros;
    b.strategy = strategy;
    b.maxDurationMicros = maxDurationMicros;
    b.stride = stride;
    b.speed = speed;
    b.encoder = encoder;
    b.thumbnail = thumbnail;
    b.resolutionPolicy = resolutionPolicy;
    b.zones = zones;
    b.style = style;
    return b;
  }

  /**
   * Mutable builder; defaults: overlays on, hold 0.5 s, interpolation over gaps up to 2 s, KEEP.
   */
  public static final class Builder {
    private boolean overlays = true;
    private long holdMicros = 500_000;
    private boolean interpolate = true;
    private long maxInterpolationGapMicros = 2_000_000;
    private DurationStrategy strategy = DurationStrategy.KEEP;
    private long maxDurationMicros;
    private int stride = 1;
    private double speed = 1.0;
    private EncoderSettings encoder = EncoderSettings.defaults();
    private boolean thumbnail = true;
    private ResolutionPolicy resolutionPolicy = ResolutionPolicy.SCALE;
    private List<OverlayZone> zones = List.of();
    private OverlayStyle style = OverlayStyle.DEFAULT;

    public Builder overlays(boolean v) {
      overlays = v;
      return this;
    }

    public Builder holdMicros(long v) {
      holdMicros = v;
      return this;
    }

    public Builder interpolate(boolean v) {
      interpolate = v;
      return this;
    }

    public Builder maxInterpolationGapMicros(long v) {
      maxInterpolationGapMicros = v;
      return this;
    }

    public Builder strategy(DurationStrategy v) {
      strategy = v;
      return this;
    }

    public Builder maxDurationMicros(long v) {
      maxDurationMicros = v;
      return this;
    }

    public Builder stride(int v) {
      stride = v;
      return this;
    }

    public Builder speed(double v) {
      speed = v;
      return this;
    }

    public Builder encoder(EncoderSettings v) {
      encoder = v;
      return this;
    }

    public Builder thumbnail(boolean v) {
      thumbnail = v;
      return this;
    }

    public Builder resolutionPolicy(ResolutionPolicy v) {
      resolutionPolicy = v;
      return this;
    }

    public Builder zones(List<OverlayZone> v) {
      zones = v;
      return this;
    }

    public Builder style(OverlayStyle v) {
      style = v;
      return this;
    }

    public RenderSettings build() {
      return new RenderSettings(
          overlays,
          holdMicros,
          interpolate,
          maxInterpolationGapMicros,
          strategy,
          maxDurationMicros,
          stride,
          speed,
          encoder,
          thumbnail,
          resolutionPolicy,
          zones,
          style);
    }
  }

  public static RenderSettings defaults() {
    return builder().build();
  }
}
