package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecodeModeTest {

  @Test
  void shouldDecodeInlineOnFewCoresAndAheadFromFour() {
    assertThat(DecodeMode.auto(1)).isEqualTo(DecodeMode.INLINE);
    assertThat(DecodeMode.auto(2)).isEqualTo(DecodeMode.INLINE);
    assertThat(DecodeMode.auto(4)).isEqualTo(DecodeMode.AHEAD);
    assertThat(DecodeMode.auto(16)).isEqualTo(DecodeMode.AHEAD);
  }

  @Test
  void shouldParseTheModeNamesInAnyCase() {
    assertThat(DecodeMode.parse("AHEAD")).isEqualTo(DecodeMode.AHEAD);
    assertThat(DecodeMode.parse(" inline ")).isEqualTo(DecodeMode.INLINE);
    assertThat(DecodeMode.parse("auto")).isEqualTo(DecodeMode.auto());
  }

  @Test
  void shouldRefuseAnUnknownModeNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> DecodeMode.parse("threads"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'threads'")
        .hasMessageContaining("auto, ahead or inline");
  }
}
