package io.clipstream.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NvencDiagnosisTest {

  @Test
  void shouldSayAGpuWithoutNvencHasNoHardwareEncoderInsteadOfAskingForAGpu() {
    // What FFmpeg logs on an H200: Hopper has no NVENC engine, though GPU and driver are there.
    String hint =
        NvencDiagnosis.explain(
            List.of("OpenEncodeSessionEx failed: unsupported device (2): (no details)"));

    assertThat(hint)
        .startsWith("this GPU has no hardware H.264 encoder (NVENC)")
        .contains("H200", "x264", "L4")
        .endsWith("FFmpeg said: OpenEncodeSessionEx failed: unsupported device (2): (no details)")
        .doesNotContain("needs an NVIDIA GPU and driver");
  }

  @Test
  void shouldSayNoGpuIsVisibleWhenTheCudaLibraryCannotBeLoaded() {
    assertThat(NvencDiagnosis.explain(List.of("Cannot load libcuda.so.1")))
        .startsWith("no NVIDIA GPU and driver are visible to this process")
        .contains("render.encoder=libx264");
  }

  @Test
  void shouldAskForANewerDriverWhenTheNvencApiIsTooNew() {
    assertThat(
            NvencDiagnosis.explain(
                List.of(
                    "Driver does not support the required nvenc API version. Required: 12.2"
                        + " Found: 12.0")))
        .startsWith("the NVIDIA driver is older");
  }

  @Test
  void shouldPointAtConcurrentSessionsWhenTheGpuRefusesAnotherOne() {
    assertThat(NvencDiagnosis.explain(List.of("OpenEncodeSessionEx failed: out of memory (10)")))
        .contains("render.max.concurrent.encoders");
  }

  @Test
  void shouldFallBackToAGeneralHintQuotingFfmpegWhenTheCauseIsUnknown() {
    assertThat(NvencDiagnosis.explain(List.of("something new")))
        .startsWith("h264_nvenc could not open an encoding session")
        .endsWith("FFmpeg said: something new");
    assertThat(NvencDiagnosis.explain(List.of())).doesNotContain("FFmpeg said");
  }
}
