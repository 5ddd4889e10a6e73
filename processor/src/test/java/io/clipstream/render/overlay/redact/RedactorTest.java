package io.clipstream.render.overlay.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.image.YuvImage;
import io.clipstream.render.overlay.OverlayBox;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pixel-level checks of the redaction methods on synthetic pictures of known content. */
class RedactorTest {

  private static final int W = 320;
  private static final int H = 240;

  /** A 1-pixel checkerboard in luma and a 1-sample checkerboard in both chroma planes. */
  static YuvImage checkerboard(int w, int h) {
    YuvImage p = YuvImage.allocate(w, h, 0, 0, 0);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        p.y().put(y * p.yStride() + x, (byte) (((x + y) & 1) == 0 ? 16 : 235));
      }
    }
    for (int y = 0; y < (h + 1) / 2; y++) {
      for (int x = 0; x < (w + 1) / 2; x++) {
        boolean on = ((x + y) & 1) == 0;
        p.u().put(y * p.uStride() + x, (byte) (on ? 40 : 220));
        p.v().put(y * p.vStride() + x, (byte) (on ? 200 : 60));
      }
    }
    return p;
  }

  static YuvImage copy(YuvImage p) {
    YuvImage c = YuvImage.allocate(p.width(), p.height(), 0, 0, 0);
    for (int i = 0; i < p.y().limit(); i++) {
      c.y().put(i, p.y().get(i));
    }
    for (int i = 0; i < p.u().limit(); i++) {
      c.u().put(i, p.u().get(i));
      c.v().put(i, p.v().get(i));
    }
    return c;
  }

  static OverlayBox box(float x1, float y1, float x2, float y2, String label, long track) {
    return new OverlayBox(
        x1, y1, x2, y2, label, OptionalLong.of(track), 0.9f, OptionalInt.empty(), false, false);
  }

  static RedactionPolicy policy(RedactionMethod method) {
    return RedactionPolicy.NONE.withAllButFocus(true).withMethod(method);
  }

  @Test
  void shouldLeaveEveryPixelblockOfAPixelatedRegionWithZeroVarianceInAllThreePlanes() {
    YuvImage picture = checkerboard(W, H);
    Redaction r =
        new Redactor(policy(RedactionMethod.PIXELATE), W, H)
            .apply(picture, List.of(box(60, 40, 140, 200, "person", 3)), W, H, Set.of());
    RedactedRegion region = r.regions().get(0);
    int block = region.blockPixels();
    assertThat(block).isGreaterThanOrEqualTo(RedactionPolicy.MIN_BLOCK_PIXELS).isEven();
    for (int by = region.y1(); by < region.y2(); by += block) {
      for (int bx = region.x1(); bx < region.x2(); bx += block) {
        int lumaFirst = picture.lumaAt(bx, by);
        int cbFirst = picture.cbAt(bx, by);
        int crFirst = picture.crAt(bx, by);
        for (int y = by; y < Math.min(by + block, region.y2()); y++) {
          for (int x = bx; x < Math.min(bx + block, region.x2()); x++) {
            assertThat(picture.lumaAt(x, y)).as("luma at %d,%d", x, y).isEqualTo(lumaFirst);
            assertThat(picture.cbAt(x, y)).as("Cb at %d,%d", x, y).isEqualTo(cbFirst);
            assertThat(picture.crAt(x, y)).as("Cr at %d,%d", x, y).isEqualTo(crFirst);
          }
        }
        // The checkerboard averages out: a full block is the mean of 16 and 235.
        if (bx + block <= region.x2() && by + block <= region.y2()) {
          assertThat(lumaFirst).isBetween(125, 126);
          assertThat(cbFirst).isEqualTo(130);
          assertThat(crFirst).isEqualTo(130);
        }
      }
    }
  }

  @Test
  void shouldKeepEveryPixelOutsideTheRegionUnchanged() {
    for (RedactionMethod method : RedactionMethod.values()) {
      YuvImage picture = checkerboard(W, H);
      YuvImage source = copy(picture);
      Redaction r =
          new Redactor(policy(method), W, H)
              .apply(picture, List.of(box(61, 41, 139, 199, "person", 3)), W, H, Set.of());
      RedactedRegion region = r.regions().get(0);
      int changed = 0;
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          boolean inside =
              x >= region.x1() && x < region.x2() && y >= region.y1() && y < region.y2();
          if (!inside) {
            assertThat(picture.lumaAt(x, y))
                .as("%s luma %d,%d", method, x, y)
                .isEqualTo(source.lumaAt(x, y));
            assertThat(picture.cbAt(x, y)).isEqualTo(source.cbAt(x, y));
            assertThat(picture.crAt(x, y)).isEqualTo(source.crAt(x, y));
          } else if (picture.lumaAt(x, y) != source.lumaAt(x, y)) {
            changed++;
          }
        }
      }
      assertThat(changed).as(method.name()).isGreaterThan(region.x2() - region.x1());
    }
  }

  @Test
  void shouldGrowTheBoxByTheMarginOnEachSideToEvenCoordinates() {
    YuvImage picture = checkerboard(W, H);
    Redaction r =
        new Redactor(policy(RedactionMethod.FILL).withMargin(0.25), W, H)
            .apply(picture, List.of(box(100, 100, 140, 180, "person", 3)), W, H, Set.of());
    RedactedRegion region = r.regions().get(0);
    // 40 x 80 box: 10 px left and right, 20 px above and below.
    assertThat(List.of(region.x1(), region.y1(), region.x2(), region.y2()))
        .containsExactly(90, 80, 150, 200);
    assertThat(picture.lumaAt(90, 80)).isEqualTo(PlaneRedactor.FILL_LUMA);
    assertThat(picture.lumaAt(149, 199)).isEqualTo(PlaneRedactor.FILL_LUMA);
    assertThat(picture.cbAt(149, 199)).isEqualTo(PlaneRedactor.FILL_CHROMA);
    assertThat(picture.crAt(90, 80)).isEqualTo(PlaneRedactor.FILL_CHROMA);
  }

  @Test
  void shouldRemoveTheHighFrequencyPatternWithBlurAndKeepOnlyTheBlockMeans() {
    YuvImage a = checkerboard(W, H);
    // Same block means, different detail: the checkerboard's phase flipped. Every full block of
    // an even size holds as many 16s as 235s either way.
    YuvImage b = shifted(W, H);
    Redactor redactor = new Redactor(policy(RedactionMethod.BLUR), W, H);
    OverlayBox person = box(60, 40, 140, 200, "person", 3);
    RedactedRegion region = redactor.apply(a, List.of(person), W, H, Set.of()).regions().get(0);
    redactor.apply(b, List.of(person), W, H, Set.of());
    int maxStep = 0;
    for (int y = region.y1(); y < region.y2(); y++) {
      for (int x = region.x1(); x < region.x2(); x++) {
        assertThat(a.lumaAt(x, y)).as("luma %d,%d", x, y).isEqualTo(b.lumaAt(x, y));
        assertThat(a.cbAt(x, y)).isEqualTo(b.cbAt(x, y));
        assertThat(a.crAt(x, y)).isEqualTo(b.crAt(x, y));
        if (x > region.x1()) {
          maxStep = Math.max(maxStep, Math.abs(a.lumaAt(x, y) - a.lumaAt(x - 1, y)));
        }
      }
    }
    // The source alternates by 219 between neighbours; nothing of that is left.
    assertThat(maxStep).isLessThanOrEqualTo(2);
  }

  private static YuvImage shifted(int w, int h) {
    YuvImage p = checkerboard(w, h);
    for (int i = 0; i < p.y().limit(); i++) {
      p.y().put(i, (byte) (251 - (p.y().get(i) & 0xFF))); // 16 <-> 235
    }
    for (int i = 0; i < p.u().limit(); i++) {
      p.u().put(i, (byte) (260 - (p.u().get(i) & 0xFF))); // 40 <-> 220
      p.v().put(i, (byte) (260 - (p.v().get(i) & 0xFF))); // 200 <-> 60
    }
    return p;
  }

  @Test
  void shouldRedactEveryoneButTheFocusTrackAndTagTheirBoxesNeutrally() {
    YuvImage picture = checkerboard(W, H);
    YuvImage source = copy(picture);
    OverlayBox suspect = box(20, 20, 80, 160, "person", 7);
    OverlayBox bystander = box(200, 40, 260, 180, "person", 8);
    Redaction r =
        new Redactor(policy(RedactionMethod.PIXELATE), W, H)
            .apply(picture, List.of(suspect, bystander), W, H, Set.of(7L));
    assertThat(r.regions()).singleElement().satisfies(g -> assertThat(g.trackId()).hasValue(8));
    assertThat(picture.lumaAt(50, 90)).isEqualTo(source.lumaAt(50, 90));
    assertThat(picture.lumaAt(50, 91)).isEqualTo(source.lumaAt(50, 91));
    assertThat(r.boxesToDraw()).hasSize(2);
    OverlayBox tag = r.boxesToDraw().get(1);
    assertThat(tag.label()).isEqualTo(Redactor.NEUTRAL_TAG);
    assertThat(tag.trackId()).isEmpty();
    assertThat(tag.score()).isNaN();
    assertThat(tag.color()).hasValue(Redactor.NEUTRAL_COLOR);
  }

  @Test
  void shouldSelectByLabelAndByNamedTrackAndHideBoxesWhenAsked() {
    RedactionPolicy byLabel =
        RedactionPolicy.NONE.withLabels(Set.of("License_Plate")).withLabelMode(RedactedLabels.HIDE);
    OverlayBox plate = box(10, 10, 60, 30, "license_plate", 1);
    OverlayBox car = box(0, 0, 100, 80, "car", 2);
    OverlayBox focusPlate = box(110, 10, 160, 30, "license_plate", 5);
    Redaction r =
        new Redactor(byLabel, W, H)
            .apply(checkerboard(W, H), List.of(plate, car, focusPlate), W, H, Set.of(5L));
    assertThat(r.regions()).extracting(RedactedRegion::label).containsExactly("license_plate");
    assertThat(r.boxesToDraw()).containsExactly(car, focusPlate);

    RedactionPolicy named = RedactionPolicy.NONE.withTracks(Set.of(5L));
    Redaction n =
        new Redactor(named, W, H)
            .apply(checkerboard(W, H), List.of(plate, focusPlate), W, H, Set.of(5L));
    assertThat(n.regions()).extracting(g -> g.trackId().getAsLong()).containsExactly(5L);
  }

  @Test
  void shouldScaleSourceBoxesToThePictureAndRecordInterpolatedOnes() {
    YuvImage picture = checkerboard(W, H);
    OverlayBox held =
        new OverlayBox(
            320,
            160,
            480,
            320,
            "person",
            OptionalLong.of(4),
            0.8f,
            OptionalInt.empty(),
            false,
            true);
    RedactedRegion region =
        new Redactor(policy(RedactionMethod.FILL).withMargin(0), W, H)
            .apply(picture, List.of(held), 640, 480, Set.of())
            .regions()
            .get(0);
    // Source 640x480 onto 320x240: halves; the minimum 2-pixel margin applies.
    assertThat(List.of(region.x1(), region.y1(), region.x2(), region.y2()))
        .containsExactly(158, 78, 242, 162);
    assertThat(region.interpolated()).isTrue();
  }

  @Test
  void shouldPixelateAPolygonZoneAndLeavePixelsOutsideThePolygonAlone() {
    YuvImage picture = checkerboard(W, H);
    YuvImage source = copy(picture);
    PrivacyZone window =
        new PrivacyZone(
            "neighbour-window",
            List.of(new float[] {100, 40}, new float[] {220, 40}, new float[] {100, 200}));
    Redaction r =
        new Redactor(RedactionPolicy.NONE.withZones(List.of(window)), W, H)
            .apply(picture, List.of(), W, H, Set.of());
    RedactedRegion region = r.regions().get(0);
    assertThat(region.zone()).hasValue("neighbour-window");
    // Near the right-angle corner: inside, the checkerboard is gone.
    for (int y = 44; y < 60; y++) {
      for (int x = 104; x < 120; x++) {
        assertThat(Math.abs(picture.lumaAt(x, y) - picture.lumaAt(x + 1, y))).isLessThan(100);
      }
    }
    // The far corner of the bounding box lies outside the triangle: untouched.
    for (int y = 180; y < 200; y++) {
      for (int x = 200; x < 220; x++) {
        assertThat(picture.lumaAt(x, y)).isEqualTo(source.lumaAt(x, y));
        assertThat(picture.cbAt(x, y)).isEqualTo(source.cbAt(x, y));
      }
    }
  }

  @Test
  void shouldSkipBoxesThatAreNotOnThePicture() {
    YuvImage picture = checkerboard(W, H);
    Redaction r =
        new Redactor(policy(RedactionMethod.PIXELATE), W, H)
            .apply(
                picture,
                List.of(
                    box(Float.NaN, 0, 10, 10, "person", 1), box(400, 300, 500, 400, "person", 2)),
                W,
                H,
                Set.of());
    assertThat(r.regions()).isEmpty();
    assertThat(r.boxesToDraw()).hasSize(2); // still tagged: the painter clips or skips them
  }

  @Test
  void shouldRefuseBlocksSoSmallThatDetailWouldSurvive() {
    assertThatThrownBy(() -> RedactionPolicy.NONE.withBlockFraction(0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0.1 and 1");
  }
}
