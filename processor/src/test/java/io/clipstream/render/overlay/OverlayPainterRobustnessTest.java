package io.clipstream.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.image.YuvImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OverlayPainterRobustnessTest {

  private static final float NAN = Float.NaN;
  private static final float INF = Float.POSITIVE_INFINITY;

  @Test
  void shouldLeavePictureUntouchedForInvalidOrOffPictureBoxes() {
    YuvImage picture = TestPictures.grey(640, 360);
    byte[] before = TestPictures.snapshot(picture);
    FrameOverlay overlay =
        Boxes.only(
            picture,
            Boxes.tracked(NAN, 10, 100, 100, 1),
            Boxes.tracked(10, 10, 100, NAN, 2),
            Boxes.tracked(-INF, 10, INF, 100, 3),
            Boxes.tracked(-300, 10, -100, 100, 4), // left of the picture
            Boxes.tracked(700, 10, 900, 100, 5), // right of it
            Boxes.tracked(10, 400, 100, 500, 6), // below it
            Boxes.tracked(10, -90, 100, -10, 7), // above it
            Boxes.tracked(50, 50, 50, 100, 8), // zero width
            Boxes.tracked(50, 50, 100, 50.2f, 9)); // rounds to zero height

    assertThatCode(() -> new OverlayPainter(640, 360, OverlayStyle.DEFAULT).paint(picture, overlay))
        .doesNotThrowAnyException();
    assertThat(TestPictures.snapshot(picture)).isEqualTo(before);
  }

  @Test
  void shouldClipBoxesPartlyOutsideThePicture() {
    YuvImage picture = TestPictures.grey(640, 360);
    OverlayBox topLeft = Boxes.colored(-50, -50, 100, 100, 0xFF0000);
    OverlayBox bottomRight = Boxes.colored(500, 300, 1e9f, 1e9f, 0xFF0000);
    new OverlayPainter(640, 360, OverlayStyle.DEFAULT)
        .paint(picture, Boxes.only(picture, topLeft, bottomRight));

    int red = ColorMatrix.luma(ColorMatrix.BT601.toYuv(0xFF0000));
    assertThat(picture.lumaAt(99, 80)).as("right side of the top-left box").isEqualTo(red);
    assertThat(picture.lumaAt(60, 99)).as("bottom side of the top-left box").isEqualTo(red);
    assertThat(picture.lumaAt(500, 340)).as("left side of the bottom-right box").isEqualTo(red);
    assertThat(picture.lumaAt(600, 300)).as("top side of the bottom-right box").isEqualTo(red);
    assertThat(picture.lumaAt(639, 359))
        .as("its far corner is outside, nothing drawn here")
        .isEqualTo(TestPictures.GREY_Y);
  }

  @Test
  void shouldNeverWriteIntoRowPaddingWhateverTheInput() {
    // Odd size, padded rows: any byte written past the width of a row would show in the padding.
    YuvImage picture = TestPictures.padded(853, 479);
    byte[] padding = paddingBytes(picture);
    Random random = new Random(42);
    OverlayPainter painter = new OverlayPainter(853, 479, OverlayStyle.DEFAULT);
    float[] specials = {NAN, INF, -INF, -1e30f, 1e30f, -1, 0, 852, 853, 478, 479, 2000};
    for (int frame = 0; frame < 300; frame++) {
      List<OverlayBox> boxes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        boxes.add(
            new OverlayBox(
                coordinate(random, specials),
                coordinate(random, specials),
                coordinate(random, specials),
                coordinate(random, specials),
                random.nextBoolean()
                    ? "person"
                    : "a very long label that is wider than the picture itself, surely",
                random.nextBoolean() ? OptionalLong.of(random.nextLong()) : OptionalLong.empty(),
                random.nextFloat() * 3 - 1,
                OptionalInt.empty(),
                random.nextInt(4) == 0,
                random.nextBoolean()));
      }
      List<float[]> points =
          List.of(
              new float[] {coordinate(random, specials), coordinate(random, specials)},
              new float[] {coordinate(random, specials), coordinate(random, specials)},
              new float[] {coordinate(random, specials), coordinate(random, specials)});
      FrameOverlay overlay =
          new FrameOverlay(
              random.nextInt(3) == 0 ? 0 : 1920,
              1080,
              boxes,
              List.of(new OverlayZone("zone", points, random.nextBoolean(), OptionalInt.empty())),
              Optional.of(
                  "camera-7  2026-11-21 06:12:03.417 UTC with a much longer text than fits in 853 px"),
              random.nextBoolean());
      painter.paint(picture, overlay);
    }
    assertThat(paddingBytes(picture)).isEqualTo(padding);
  }

  @Test
  void shouldRejectPlanesTooSmallForThePicture() {
    YuvImage good = TestPictures.grey(64, 32);
    YuvImage truncated =
        new YuvImage(64, 32, good.y(), 64, ByteBuffer.allocate(10), 32, good.v(), 32);

    assertThatThrownBy(
            () ->
                new OverlayPainter(64, 32, OverlayStyle.DEFAULT)
                    .paint(truncated, Boxes.only(truncated, Boxes.tracked(1, 1, 20, 20, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U plane");
  }

  @Test
  void shouldPaintTinyPicturesWithoutThrowing() {
    YuvImage picture = TestPictures.grey(3, 3);
    FrameOverlay overlay =
        new FrameOverlay(
            3, 3, List.of(Boxes.focus(0, 0, 3, 3, 1)), List.of(), Optional.of("camera-7"), true);

    assertThatCode(() -> new OverlayPainter(3, 3, OverlayStyle.DEFAULT).paint(picture, overlay))
        .doesNotThrowAnyException();
  }

  private static float coordinate(Random random, float[] specials) {
    return random.nextInt(5) == 0
        ? specials[random.nextInt(specials.length)]
        : random.nextFloat() * 2400 - 200;
  }

  private static byte[] paddingBytes(YuvImage p) {
    ByteBuffer out = ByteBuffer.allocate(p.y().limit() + p.u().limit() + p.v().limit());
    collect(out, p.y(), p.yStride(), p.width(), p.height());
    collect(out, p.u(), p.uStride(), (p.width() + 1) / 2, (p.height() + 1) / 2);
    collect(out, p.v(), p.vStride(), (p.width() + 1) / 2, (p.height() + 1) / 2);
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }

  private static void collect(ByteBuffer out, ByteBuffer plane, int stride, int width, int rows) {
    for (int row = 0; row < rows; row++) {
      for (int col = width; col < stride; col++) {
        out.put(plane.get(row * stride + col));
      }
    }
  }
}
