package io.clipstream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClipKeysTest {

  private static final Instant START = Instant.parse("2024-05-23T23:30:00Z");

  @Test
  void shouldKeepSafeIdsAndDateTheStemByTheEventStartInUtc() {
    assertThat(ClipKeys.stem("office-cam", "violation_001", START, "clip-0a1b2c"))
        .isEqualTo("office-cam/2024/05/23/violation_001/clip-0a1b2c");
  }

  @Test
  void shouldNeverLetATraversalIdEscapeItsSegment() {
    String stem = ClipKeys.stem("../../etc/passwd", "..", START, "./clip");

    assertThat(stem.split("/")).hasSize(6).noneMatch(s -> s.startsWith(".") || s.isEmpty());
    assertThat(ClipKeys.segment("../../etc/passwd")).matches("etc_passwd--[0-9a-f]{12}");
    assertThat(ClipKeys.checkStem(stem)).isEqualTo(stem);
  }

  @Test
  void shouldReplaceSlashesAndBackslashesAndCollapseRuns() {
    assertThat(ClipKeys.segment("a/b")).matches("a_b--[0-9a-f]{12}");
    assertThat(ClipKeys.segment("a \\ //  b")).matches("a_b--[0-9a-f]{12}");
  }

  @Test
  void shouldTransliterateAccentsAndReplaceOtherUnicode() {
    assertThat(ClipKeys.segment("Café")).matches("Cafe--[0-9a-f]{12}");
    assertThat(ClipKeys.segment("東京-cam")).matches("cam--[0-9a-f]{12}");
    assertThat(ClipKeys.segment("📷")).matches("id--[0-9a-f]{12}");
  }

  @Test
  void shouldNameEmptyAndDotOnlyIdsDistinctly() {
    Set<String> segments = new HashSet<>();
    for (String id : List.of("", ".", "..", "...", "_", " ")) {
      String segment = ClipKeys.segment(id);
      assertThat(segment).as(id).doesNotStartWith(".").isNotEmpty();
      segments.add(segment);
    }
    assertThat(segments).hasSize(6);
  }

  @Test
  void shouldBoundLongIdsAndKeepThemApart() {
    String a = "x".repeat(1000);
    String b = "x".repeat(999) + "y";

    assertThat(ClipKeys.segment(a)).hasSizeLessThanOrEqualTo(ClipKeys.MAX_LENGTH + 14);
    assertThat(ClipKeys.segment(a)).isNotEqualTo(ClipKeys.segment(b));
    assertThat(ClipKeys.segment("x".repeat(ClipKeys.MAX_LENGTH))).isEqualTo("x".repeat(64));
  }

  @Test
  void shouldNeverMapTwoDifferentIdsToTheSameSegment() {
    String hashed = ClipKeys.segment("a b");
    List<String> ids =
        List.of("a b", "a_b", "a/b", "a\\b", "a__b", "a  b", "A_b", hashed, "a_b--0123456789ab");
    Set<String> segments = new HashSet<>();
    ids.forEach(id -> segments.add(ClipKeys.segment(id)));

    assertThat(segments).hasSize(ids.size());
    // an id that merely looks hashed is hashed again, so it cannot impersonate "a b"
    assertThat(ClipKeys.segment(hashed)).isNotEqualTo(hashed);
  }

  @Test
  void shouldBeDeterministicSoReplaysNameTheSameObjects() {
    assertThat(ClipKeys.stem("cam 1", "ev/1", START, "clip:1"))
        .isEqualTo(ClipKeys.stem("cam 1", "ev/1", START, "clip:1"));
  }

  @Test
  void shouldRefuseUnsafeStemsHandedToAStore() {
    for (String stem :
        List.of("", "../x", "/abs", "a//b", "a/./b", "a/../b", "a/b/", "a b", ".hidden")) {
      assertThatThrownBy(() -> ClipKeys.checkStem(stem))
          .as(stem)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Unsafe storage key stem");
    }
  }
}
