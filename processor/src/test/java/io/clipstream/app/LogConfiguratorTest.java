package io.clipstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogConfiguratorTest {

  @Test
  void shouldLogClipstreamAtInfoAndKafkaAtWarnByDefault() {
    Map<String, Level> levels = LogConfigurator.levels(Map.of(), name -> null);

    assertThat(levels.get("io.clipstream")).isEqualTo(Level.INFO);
    assertThat(levels.get("org.apache.kafka")).isEqualTo(Level.WARN);
    assertThat(levels.get("org.apache.avro")).isEqualTo(Level.WARN);
  }

  @Test
  void shouldTakeClipstreamsLevelFromTheEnvironmentVariable() {
    Map<String, Level> levels =
        LogConfigurator.levels(Map.of("CLIPSTREAM_LOG_LEVEL", "DEBUG"), name -> null);

    assertThat(levels.get("io.clipstream")).isEqualTo(Level.DEBUG);
  }

  @Test
  void shouldPreferTheSystemPropertyOverTheEnvironmentVariable() {
    Map<String, String> properties =
        Map.of("CLIPSTREAM_LOG_LEVEL", "ERROR", "clipstream.kafka.log.level", "INFO");

    Map<String, Level> levels =
        LogConfigurator.levels(Map.of("CLIPSTREAM_LOG_LEVEL", "DEBUG"), properties::get);

    assertThat(levels.get("io.clipstream")).isEqualTo(Level.ERROR);
    assertThat(levels.get("org.apache.kafka")).isEqualTo(Level.INFO);
  }

  @Test
  void shouldFallBackToTheDefaultForAnUnknownLevelName() {
    Map<String, Level> levels =
        LogConfigurator.levels(Map.of("CLIPSTREAM_LOG_LEVEL", "LOUD"), name -> null);

    assertThat(levels.get("io.clipstream")).isEqualTo(Level.INFO);
  }
}
