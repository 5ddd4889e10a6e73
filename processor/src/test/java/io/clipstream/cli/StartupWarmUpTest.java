package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupWarmUpTest {

  @Test
  void shouldNameTheFirstArgumentThatIsNotAnOption() {
    assertThat(StartupWarmUp.commandName(new String[] {"render", "--video", "in.mp4"}))
        .isEqualTo("render");
    assertThat(StartupWarmUp.commandName(new String[] {"--verbose", "demo"})).isEqualTo("demo");
  }

  @Test
  void shouldNameNoCommandWhenThereAreOnlyOptions() {
    assertThat(StartupWarmUp.commandName(new String[] {"--version"})).isEmpty();
    assertThat(StartupWarmUp.commandName(new String[0])).isEmpty();
  }
}
