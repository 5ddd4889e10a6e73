package io.clipstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.clipstream.media.EncoderSettings;
import io.clipstream.media.VideoCodec;
import io.clipstream.topics.ContractTopic;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** The declaration itself: documented, unambiguous, and in step with the code it configures. */
class ConfigDeclarationTest {

  @Test
  void shouldDocumentEveryDeclaredKey() {
    assertThat(ClipstreamConfig.DEFINITION.configKeys()).hasSizeGreaterThan(30);
    ClipstreamConfig.DEFINITION
        .configKeys()
        .values()
        .forEach(
            key -> {
              assertThat(key.documentation).as("%s has a description", key.name).isNotBlank();
              assertThat(key.importance).as("%s has an importance", key.name).isNotNull();
            });
  }

  @Test
  void shouldGiveEveryKeyItsOwnEnvironmentVariable() {
    Set<String> seen = new HashSet<>();
    for (String key : ClipstreamConfig.DEFINITION.names()) {
      String variable = ConfigKeys.envName(key);
      assertThat(seen.add(variable)).as("%s is unique", variable).isTrue();
      assertThat(ConfigKeys.keyForEnv(variable)).contains(key);
    }
    assertThat(ConfigKeys.envName("render.workers")).isEqualTo("CLIPSTREAM_RENDER_WORKERS");
    assertThat(ConfigKeys.keyForEnv("CLIPSTREAM_TOPIC_CLIPS_READY")).contains("topic.clips-ready");
    assertThat(ConfigKeys.keyForEnv("CLIPSTREAM_KAFKA_SASL_JAAS_CONFIG"))
        .contains("kafka.sasl.jaas.config");
    assertThat(ConfigKeys.keyForEnv("CLIPSTREAM_PLANNER_TRIGGER_PERSON_POSTROLL_MS"))
        .contains("planner.trigger.person.postroll.ms");
    assertThat(ConfigKeys.keyForEnv("CLIPSTREAM_RENDER_WORKER")).isEmpty();
  }

  @Test
  void shouldNameOneTopicKeyPerContractTopicWithItsDefault() {
    for (ContractTopic topic : ContractTopic.values()) {
      ConfigDef.ConfigKey key = ClipstreamConfig.DEFINITION.configKeys().get(TopicKeys.key(topic));
      assertThat(key.defaultValue).isEqualTo(topic.defaultName());
    }
    assertThat(TopicKeys.key(ContractTopic.RENDER_COMMANDS)).isEqualTo("topic.render-commands");
  }

  @Test
  void shouldAcceptExactlyTheEncodersAndPresetsTheMediaLayerKnows() {
    // The declaration takes both lists from the media layer (pure Java classes that load no
    // natives): the validators users see must name exactly what the encoder accepts.
    List<String> presets =
        List.of(
            ClipstreamConfig.DEFINITION
                .configKeys()
                .get(RenderKeys.PRESET)
                .validator
                .toString()
                .replace("one of ", "")
                .split(", "));
    assertThat(presets).containsExactlyElementsOf(EncoderSettings.PRESETS);
    String encoders =
        ClipstreamConfig.DEFINITION.configKeys().get(RenderKeys.ENCODER).validator.toString();
    for (String encoder : encoders.replace("one of ", "").split(", ")) {
      assertThatCode(() -> VideoCodec.parse(encoder)).doesNotThrowAnyException();
    }
    for (VideoCodec codec : VideoCodec.values()) {
      assertThat(encoders).contains(codec.ffmpegName() == null ? "auto" : codec.ffmpegName());
    }
  }
}
