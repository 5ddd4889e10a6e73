package io.clipstream.media;

import java.util.List;
import java.util.Locale;

/**
 * Says why {@code h264_nvenc} could not open an encoding session, from the error lines FFmpeg
 * logged while it tried: the exception itself only says "Could not open video codec", and a GPU
 * being present does not mean it can encode H.264 (Hopper and Ampere data-centre GPUs have no NVENC
 * engine).
 */
public final class NvencDiagnosis {

  private NvencDiagnosis() {}

  /** A hint a person can act on, ending with what FFmpeg said when it said anything. */
  public static String explain(List<String> ffmpegErrors) {
    String said = String.join(" ", ffmpegErrors).trim();
    String text = said.toLowerCase(Locale.ROOT);
    String why;
    if (text.contains("unsupported device")) {
      why =
          "this GPU has no hardware H.264 encoder (NVENC), like the H100, H200 and A100; use x264"
              + " (render.encoder=libx264, --encoder x264) or an L4, L40S or T4-class GPU";
    } else if (text.contains("nvenc api version") || text.contains("driver does not support")) {
      why =
          "the NVIDIA driver is older than the NVENC API this FFmpeg was built for; update the"
              + " driver, or use x264 (render.encoder=libx264, --encoder x264)";
    } else if (text.contains("incompatible client key") || text.contains("out of memory")) {
      why =
          "the GPU refused another encoding session (consumer GPUs allow only a few at once, and"
              + " GPU memory may be full); lower render.max.concurrent.encoders, or use x264"
              + " (render.encoder=libx264, --encoder x264)";
    } else if (text.contains("libcuda")
        || text.contains("cuinit")
        || text.contains("no device")
        || text.contains("no_device")
        || text.contains("cuda-capable")) {
      why =
          "no NVIDIA GPU and driver are visible to this process; use x264 on this machine"
              + " (render.encoder=libx264, --encoder x264), or run where a GPU with NVENC is"
              + " exposed (in containers: the NVIDIA runtime, NVIDIA_DRIVER_CAPABILITIES with"
              + " video)";
    } else {
      why =
          "h264_nvenc could not open an encoding session on this machine; use x264"
              + " (render.encoder=libx264, --encoder x264)";
    }
    return said.isEmpty() ? why : why + ". FFmpeg said: " + said;
  }
}
