package io.clipstream.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The H.264 encoders Clipstream can drive. */
public enum VideoCodec {
  /** libx264 when the natives have it (the GPL build), else libopenh264. */
  AUTO(null),
  /** x264 from the GPL natives: CRF and presets apply. */
  X264("libx264"),
  /** Cisco's OpenH264 (in every build): bitrate driven, no CRF or preset. */
  OPENH264("libopenh264"),
  /** NVIDIA's hardware encoder: needs a GPU and driver at run time; x264 options do not apply. */
  NVENC("h264_nvenc");

  private final String ffmpegName;

  VideoCodec(String ffmpegName) {
    this.ffmpegName = ffmpegName;
  }

  /** FFmpeg's encoder name; null for {@link #AUTO}. */
  public String ffmpegName() {
    return ffmpegName;
  }

  /**
   * The concrete encoder this choice means on this machine ({@link #AUTO} picks x264, then
   * OpenH264).
   */
  public VideoCodec resolve() {
    if (this != AUTO) {
      return this;
    }
    return FFmpegRuntime.hasEncoder(X264.ffmpegName) ? X264 : OPENH264;
  }

  /**
   * Every spelling {@link #parse} accepts, FFmpeg's name first: {@code auto, libx264, x264, ...}.
   */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (VideoCodec codec : values()) {
      if (codec.ffmpegName != null) {
        names.add(codec.ffmpegName);
      }
      names.add(codec.name().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(names);
  }

  /**
   * Parses {@code x264}, {@code libx264}, {@code openh264}, {@code nvenc}, {@code h264_nvenc},
   * {@code auto}.
   */
  public static VideoCodec parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (VideoCodec codec : values()) {
      if (t.equals(codec.name().toLowerCase(Locale.ROOT)) || t.equals(codec.ffmpegName)) {
        return codec;
      }
    }
    throw new IllegalArgumentException(
        "Unknown encoder '" + text + "': use auto, x264, openh264 or nvenc");
  }
}
