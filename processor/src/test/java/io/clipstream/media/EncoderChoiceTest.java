package io.clipstream.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class EncoderChoiceTest {

  private static final Predicate<String> GPL_BUILD =
      Set.of("libx264", "libopenh264", "h264_nvenc")::contains;
  private static final Predicate<String> LGPL_BUILD = Set.of("libopenh264", "h264_nvenc")::contains;

  @Test
  void shouldTryNvencThenX264UnderAutoWhenAGpuIsVisible() {
    assertThat(EncoderChoice.candidates(VideoCodec.AUTO, GPL_BUILD, true, false))
        .containsExactly(VideoCodec.NVENC, VideoCodec.X264);
  }

  @Test
  void shouldGoStraightToX264UnderAutoOnceNvencFailedToOpen() {
    assertThat(EncoderChoice.candidates(VideoCodec.AUTO, GPL_BUILD, true, true))
        .containsExactly(VideoCodec.X264);
  }

  @Test
  void shouldNotTryNvencUnderAutoWithoutAVisibleGpu() {
    assertThat(EncoderChoice.candidates(VideoCodec.AUTO, GPL_BUILD, false, false))
        .containsExactly(VideoCodec.X264);
    assertThat(EncoderChoice.candidates(VideoCodec.AUTO, LGPL_BUILD, false, false))
        .containsExactly(VideoCodec.OPENH264);
  }

  @Test
  void shouldTryANamedEncoderAloneEvenAfterNvencFailed() {
    assertThat(EncoderChoice.candidates(VideoCodec.NVENC, GPL_BUILD, true, true))
        .containsExactly(VideoCodec.NVENC);
    assertThat(EncoderChoice.candidates(VideoCodec.X264, GPL_BUILD, true, false))
        .containsExactly(VideoCodec.X264);
  }
}
