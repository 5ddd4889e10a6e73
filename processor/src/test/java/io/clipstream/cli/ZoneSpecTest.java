package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.render.overlay.OverlayZone;
import org.junit.jupiter.api.Test;

class ZoneSpecTest {

  @Test
  void shouldParseAPolygonWithItsPointsInSourcePixels() {
    OverlayZone zone = ZoneSpec.parse("dock=10,20; 300.5,20;300,200", true);

    assertThat(zone.name()).isEqualTo("dock");
    assertThat(zone.closed()).isTrue();
    assertThat(zone.points()).hasSize(3);
    assertThat(zone.points().get(1)).containsExactly(300.5f, 20f);
    assertThat(zone.color()).isEmpty();
  }

  @Test
  void shouldParseALineWithAnExplicitColour() {
    OverlayZone line = ZoneSpec.parse("tripwire@#FF8800=0,100;640,100", false);

    assertThat(line.name()).isEqualTo("tripwire");
    assertThat(line.closed()).isFalse();
    assertThat(line.color()).hasValue(0xFF8800);
  }

  @Test
  void shouldExplainAMalformedPoint() {
    assertThatThrownBy(() -> ZoneSpec.parse("dock=10,20;oops", true))
        .hasMessageContaining("--zone")
        .hasMessageContaining("'oops' is not X,Y");
  }

  @Test
  void shouldRefuseASinglePointAndAMissingName() {
    assertThatThrownBy(() -> ZoneSpec.parse("dock=10,20", false))
        .hasMessageContaining("--line")
        .hasMessageContaining("at least two points");
    assertThatThrownBy(() -> ZoneSpec.parse("10,20;30,40", true))
        .hasMessageContaining("NAME=X,Y;X,Y");
  }

  @Test
  void shouldRefuseABadColour() {
    assertThatThrownBy(() -> ZoneSpec.parse("dock@#12=1,2;3,4", true))
        .hasMessageContaining("#RRGGBB");
  }
}
