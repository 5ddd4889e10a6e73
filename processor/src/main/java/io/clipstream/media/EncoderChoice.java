package io.clipstream.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The encoders to try, in order, for a {@link VideoCodec} choice. A named encoder is tried alone.
 * {@link VideoCodec#AUTO} tries NVENC first when an NVIDIA GPU is visible and the FFmpeg build has
 * {@code h264_nvenc}, unless a session could not be opened before in this process (an H200 has a
 * GPU but no NVENC engine: one warning, then x264 for good); then libx264 when the build has it,
 * else libopenh264.
 */
final class EncoderChoice {

  private EncoderChoice() {}

  static List<VideoCodec> candidates(
      VideoCodec asked, Predicate<String> buildHas, boolean gpuVisible, boolean nvencFailed) {
    if (asked != VideoCodec.AUTO) {
      return List.of(asked);
    }
    List<VideoCodec> order = new ArrayList<>(2);
    if (gpuVisible && !nvencFailed && buildHas.test(VideoCodec.NVENC.ffmpegName())) {
      order.add(VideoCodec.NVENC);
    }
    order.add(buildHas.test(VideoCodec.X264.ffmpegName()) ? VideoCodec.X264 : VideoCodec.OPENH264);
    return List.copyOf(order);
  }

  /** Whether the NVIDIA kernel driver exposes a device to this process (host or container). */
  static boolean nvidiaGpuVisible() {
    return Files.exists(Path.of("/dev/nvidiactl")) || Files.exists(Path.of("/dev/nvidia0"));
  }
}
