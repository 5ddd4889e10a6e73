package io.clipstream.media;

import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * The encoder-specific options: each H.264 encoder spells quality, speed and profile differently.
 */
final class EncoderOptions {

  private EncoderOptions() {}

  static void apply(
      FFmpegFrameRecorder recorder,
      VideoCodec codec,
      EncoderSettings settings,
      int width,
      int height,
      Rational fps) {
    switch (codec) {
      case X264 -> {
        // libx264 ignores JavaCV's default profile request: ask for High explicitly.
        recorder.setVideoOption("profile", "high");
        recorder.setVideoOption("preset", settings.preset());
        recorder.setVideoOption("crf", Integer.toString(settings.crf()));
      }
      case OPENH264 -> {
        // OpenH264 has no CRF: aim for a bitrate that looks like x264 at CRF 23 on surveillance
        // footage.
        recorder.setVideoOption("profile", "high");
        recorder.setVideoOption("allow_skip_frames", "0");
        recorder.setVideoBitrate(openH264Bitrate(settings.crf(), width, height, fps));
      }
      case NVENC -> {
        // NVENC's constant-quality mode is its closest analogue of CRF; x264 presets map to p1..p7.
        recorder.setVideoOption("profile", "high");
        recorder.setVideoOption("preset", settings.nvencPreset());
        recorder.setVideoOption("rc", "vbr");
        recorder.setVideoOption("cq", Integer.toString(settings.crf()));
        recorder.setVideoBitrate(0);
      }
      default -> throw new IllegalStateException("Unresolved codec " + codec);
    }
  }

  /** About 0.1 bit per pixel at CRF 23, halving every 6 CRF steps as x264's quality scale does. */
  static int openH264Bitrate(int crf, int width, int height, Rational fps) {
    double bitsPerPixel = 0.1 * Math.pow(2, (23 - crf) / 6.0);
    return (int)
        Math.min(Integer.MAX_VALUE, Math.round(bitsPerPixel * width * height * fps.toDouble()));
  }
}
