package io.clipstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.Point;
import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.Zone;
import io.clipstream.planner.OverlapPolicy;
import io.clipstream.planner.PlannerSettings;
import io.clipstream.topics.ContractTopic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerMappingTest {

  static PlannerSettings settings(Map<String, String> overrides) {
    Map<String, String> flags = new HashMap<>(ConfigLoaderTest.REQUIRED);
    flags.putAll(overrides);
    return ConfigLoader.load(Optional.empty(), Map.of(), flags, ConfigLoaderTest.MACHINE)
        .toPlannerSettings();
  }

  @Test
  void shouldDefaultToThePlannersOwnDefaults() {
    assertThat(settings(Map.of())).isEqualTo(PlannerSettings.defaults());
  }

  @Test
  void shouldMapEveryPlannerAndTopicKey() {
    Map<String, String> keys = new HashMap<>();
    keys.put("planner.preroll.ms", "1001");
    keys.put("planner.postroll.ms", "1002");
    keys.put("planner.grace.ms", "1003");
    keys.put("planner.segment.wait.ms", "1004");
    keys.put("planner.max.event.duration.ms", "1005");
    keys.put("planner.detection.retention.ms", "100000");
    keys.put("planner.dedup.retention.ms", "1007");
    keys.put("planner.idle.advance.ms", "1008");
    keys.put("planner.overlap.policy", "merge");
    keys.put("planner.max.command.bytes", "2048");
    keys.put("planner.trigger.person.preroll.ms", "7000");
    keys.put("planner.trigger.person.postroll.ms", "8000");
    keys.put("planner.trigger.Line.Cross.postroll.ms", "9000");
    keys.put("planner.camera.office-cam.clock.offset.ms", "-250");
    keys.put("planner.redaction.labels", "person, license_plate");
    keys.put("planner.redaction.all.but.focus", "true");
    keys.put("planner.redaction.zones", "office-cam:window=0,0;64,0;64,48 | yard:gate=1,2;3,4;5,6");
    keys.put("planner.redaction.method", "FILL");
    keys.put("planner.redaction.block.fraction", "0.5");
    keys.put("planner.redaction.margin", "0.2");
    keys.put("planner.redaction.label.mode", "hide");
    keys.put("planner.redaction.keep.original", "true");
    for (ContractTopic t : ContractTopic.values()) {
      keys.put(TopicKeys.key(t), "x." + t.name());
    }
    // Fails when a planner key is added to the declaration but not to this test.
    assertThat(keys.keySet())
        .containsAll(
            ClipstreamConfig.DEFINITION.names().stream()
                .filter(k -> k.startsWith("planner.") || k.startsWith("topic."))
                .toList());

    PlannerSettings s = settings(keys);

    assertThat(s.preRoll()).isEqualTo(Duration.ofMillis(1001));
    assertThat(s.postRoll()).isEqualTo(Duration.ofMillis(1002));
    assertThat(s.grace()).isEqualTo(Duration.ofMillis(1003));
    assertThat(s.segmentWait()).isEqualTo(Duration.ofMillis(1004));
    assertThat(s.maxEventDuration()).isEqualTo(Duration.ofMillis(1005));
    assertThat(s.detectionRetention()).isEqualTo(Duration.ofMillis(100000));
    assertThat(s.dedupRetention()).isEqualTo(Duration.ofMillis(1007));
    assertThat(s.idleAdvanceAfter()).isEqualTo(Duration.ofMillis(1008));
    assertThat(s.overlapPolicy()).isEqualTo(OverlapPolicy.MERGE);
    assertThat(s.maxCommandBytes()).isEqualTo(2048);
    assertThat(s.triggerOverrides().get("person").getPreRollMs()).isEqualTo(7000L);
    assertThat(s.triggerOverrides().get("person").getPostRollMs()).isEqualTo(8000L);
    assertThat(s.triggerOverrides().get("Line.Cross").getPostRollMs()).isEqualTo(9000L);
    assertThat(s.triggerOverrides().get("Line.Cross").getPreRollMs()).isNull();
    assertThat(s.clockOffset("office-cam")).isEqualTo(Duration.ofMillis(-250));
    assertThat(s.topics().detections()).isEqualTo("x.DETECTIONS");
    assertThat(s.topics().events()).isEqualTo("x.EVENTS");
    assertThat(s.topics().segments()).isEqualTo("x.SEGMENTS");
    assertThat(s.topics().renderCommands()).isEqualTo("x.RENDER_COMMANDS");
    assertThat(s.topics().clipsFailed()).isEqualTo("x.CLIPS_FAILED");
    assertThat(s.topics().deadLetter()).isEqualTo("x.DEAD_LETTER");
    Redaction r = s.defaultOptions().getRedaction();
    assertThat(r.getLabels()).containsExactly("person", "license_plate");
    assertThat(r.getAllButFocus()).isTrue();
    assertThat(r.getMethod()).isEqualTo("fill");
    assertThat(r.getBlockFraction()).isEqualTo(0.5);
    assertThat(r.getMargin()).isEqualTo(0.2);
    assertThat(r.getLabelMode()).isEqualTo("hide");
    assertThat(r.getKeepOriginal()).isTrue();
    assertThat(r.getPrivacyZones()).as("zones are per camera, not service-wide").isEmpty();
    Zone window = s.cameraOverrides().get("office-cam").getRedaction().getPrivacyZones().get(0);
    assertThat(window.getName()).isEqualTo("window");
    assertThat(window.getClosed()).isTrue();
    assertThat(window.getPoints())
        .containsExactly(new Point(0f, 0f), new Point(64f, 0f), new Point(64f, 48f));
    assertThat(s.cameraOverrides().get("yard").getRedaction().getPrivacyZones())
        .extracting(Zone::getName)
        .containsExactly("gate");
  }

  @Test
  void shouldAddNoRedactionToCommandsWhenNoRedactionKeyIsSet() {
    PlannerSettings s = settings(Map.of());
    assertThat(s.defaultOptions().getRedaction()).isNull();
    assertThat(s.cameraOverrides()).isEmpty();
  }

  @Test
  void shouldRefuseBadPrivacyZonesAndMethodsSayingWhatIsExpected() {
    Map<String, String> flags = new HashMap<>(ConfigLoaderTest.REQUIRED);
    flags.put("planner.redaction.zones", "office-cam:window=0,0;64,0");
    flags.put("planner.redaction.method", "smear");
    flags.put("planner.redaction.block.fraction", "0.01");
    ConfigValidationException e = ConfigLoaderTest.failure(null, Map.of(), flags);
    assertThat(e.getMessage())
        .contains("planner.redaction.zones = 'office-cam:window=0,0;64,0'")
        .contains("zone window of office-cam needs at least three points")
        .contains("CAMERA:NAME=X,Y;X,Y;X,Y")
        .contains("planner.redaction.method = 'smear'")
        .contains("one of fill, pixelate, blur")
        .contains("planner.redaction.block.fraction = '0.01'")
        .contains("between 0.1 and 1");
    flags.put("planner.redaction.zones", "window=0,0;64,0;64,48");
    flags.remove("planner.redaction.method");
    flags.remove("planner.redaction.block.fraction");
    assertThat(ConfigLoaderTest.failure(null, Map.of(), flags).getMessage())
        .contains("must look like CAMERA:NAME=X,Y;X,Y;X,Y");
  }
}
