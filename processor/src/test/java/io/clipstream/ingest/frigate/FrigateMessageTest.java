package io.clipstream.ingest.frigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.contracts.Detection;
import io.clipstream.ingest.Fixtures;
import io.clipstream.ingest.mapping.BoxScales;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrigateMessageTest {

  private static final BoxScales SCALE_2 = new BoxScales(Map.of("front_door", 2.0));

  @Test
  void shouldOpenTheEventOnNewWithTheFrigateIdLabelAndScaledSparseBox() {
    FrigateMessage m = FrigateMessage.parse(Fixtures.bytes("frigate-new.json"), SCALE_2);

    assertThat(m.event().getEventId()).isEqualTo("1716529986.2-abc123");
    assertThat(m.event().getCameraId()).isEqualTo("front_door");
    assertThat(m.event().getTrigger()).isEqualTo("person");
    assertThat(m.event().getStart()).isEqualTo(Instant.ofEpochMilli(1716529986200L));
    assertThat(m.event().getEnd()).isNull();
    assertThat(m.event().getRenderOptions().getInterpolate()).isTrue();
    Detection d = m.detections().orElseThrow().getDetections().get(0);
    assertThat(d.getBox().getX1()).isEqualTo(200f);
    assertThat(d.getBox().getY2()).isEqualTo(340f);
    assertThat(d.getAttributes()).containsEntry("sparse", "true");
    assertThat(m.event().getFocusTrackIds()).containsExactly(d.getTrackId());
  }

  @Test
  void shouldKeepTheEventOpenOnUpdateWithZonesAndCloseItOnEnd() {
    FrigateMessage update = FrigateMessage.parse(Fixtures.bytes("frigate-update.json"), SCALE_2);
    FrigateMessage end = FrigateMessage.parse(Fixtures.bytes("frigate-end.json"), SCALE_2);

    assertThat(update.event().getEnd()).isNull();
    assertThat(update.event().getAttributes())
        .containsEntry("frigate.entered_zones", "driveway")
        .containsEntry("frigate.top_score", "0.91");
    assertThat(end.event().getEnd()).isEqualTo(Instant.ofEpochMilli(1716529994000L));
    assertThat(end.event().getUpdatedAt()).isAfter(update.event().getUpdatedAt());
  }

  @Test
  void shouldRefuseMessagesThatAreNotFrigateEvents() {
    assertThatThrownBy(
            () ->
                FrigateMessage.parse(
                    "{\"type\":\"snapshot\",\"after\":{}}".getBytes(StandardCharsets.UTF_8),
                    BoxScales.none()))
        .isInstanceOf(UnmappableMessageException.class)
        .hasMessageContaining("expected new, update or end");
    assertThatThrownBy(
            () ->
                FrigateMessage.parse(
                    "{\"type\":\"new\",\"after\":{\"id\":\"x\",\"camera\":\"c\",\"label\":\"p\"}}"
                        .getBytes(StandardCharsets.UTF_8),
                    BoxScales.none()))
        .hasMessageContaining("'after.start_time' is missing");
  }
}
