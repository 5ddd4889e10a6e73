package io.clipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.config.ConfigLoader;
import io.clipstream.contracts.Event;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A Frigate broker that wants an account, over TLS: mosquitto started with a mosquitto_passwd file,
 * {@code allow_anonymous false} and a self-signed certificate. A missing or wrong password and an
 * untrusted certificate each stop the ingest role with a message naming the key to fix (and never
 * the password); the right ones carry Frigate's events to cv.events.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class FrigateMqttCredentialsIT {

  private static final String USER = "clipstream";
  private static final String PASSWORD = "s3cret-" + System.nanoTime();

  @Test
  void shouldConnectWithTheRightAccountOverTlsAndNameTheKeyToFixOtherwise(
      RealKafka kafka, RealSchemaRegistry registry) throws Exception {
    IngestRig rig = new IngestRig(kafka, registry, "frigate-auth");
    try (Mosquitto mqtt = Mosquitto.startSecured(rig.dir, USER, PASSWORD);
        IngestRig.Reader<Event> events = rig.reader(ContractTopic.EVENTS, Event.class)) {
      Map<String, String> flags = rig.flags("ingest");
      flags.put("ingest.mqtt.url", mqtt.url());
      flags.put("ingest.mqtt.client.id", "clipstream-" + rig.run);
      String ca = rig.dir.resolve("broker.pem").toString();

      Map<String, String> anonymous = with(flags, "ingest.mqtt.ca.file", ca);
      assertThatThrownBy(() -> rig.start(anonymous).close())
          .hasStackTraceContaining("refused an anonymous connection")
          .hasStackTraceContaining("set ingest.mqtt.username and ingest.mqtt.password");

      Map<String, String> wrong = with(anonymous, "ingest.mqtt.username", USER);
      wrong.put("ingest.mqtt.password", "not-" + PASSWORD);
      assertThatThrownBy(() -> rig.start(wrong).close())
          .hasStackTraceContaining("refused user 'clipstream'")
          .hasStackTraceContaining("check ingest.mqtt.username and ingest.mqtt.password")
          .satisfies(e -> assertThat(trace(e)).doesNotContain(PASSWORD));

      Map<String, String> right = with(wrong, "ingest.mqtt.password", PASSWORD);
      Map<String, String> untrusted = new LinkedHashMap<>(right);
      untrusted.remove("ingest.mqtt.ca.file");
      assertThatThrownBy(() -> rig.start(untrusted).close())
          .hasStackTraceContaining("not trusted")
          .hasStackTraceContaining("set ingest.mqtt.ca.file");

      String described = ConfigLoader.load(Optional.empty(), Map.of(), right).describe();
      assertThat(described).contains("ingest.mqtt.password").doesNotContain(PASSWORD);

      try (ClipstreamApp app = rig.start(right)) {
        mqtt.publish("frigate/events", newEvent());
        Event event = events.await(1, r -> true, app).get(0).value();
        assertThat(event.getEventId()).isEqualTo("frigate-auth-1");
        assertThat(event.getCameraId()).isEqualTo("garage");
      }
    }
  }

  private static Map<String, String> with(Map<String, String> flags, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(flags);
    copy.put(key, value);
    return copy;
  }

  private static String trace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  private static byte[] newEvent() {
    long now = Instant.now().getEpochSecond();
    return ("{\"type\":\"new\",\"before\":{},\"after\":{\"id\":\"frigate-auth-1\","
            + "\"camera\":\"garage\",\"label\":\"car\",\"score\":0.9,\"top_score\":0.9,"
            + "\"start_time\":"
            + now
            + ".0,\"end_time\":null,\"frame_time\":"
            + now
            + ".0,\"box\":[10,10,100,80],\"current_zones\":[],\"entered_zones\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
