package io.clipstream.bench;

import io.clipstream.image.YuvImage;
import io.clipstream.render.overlay.FrameOverlay;
import io.clipstream.render.overlay.OverlayBox;
import io.clipstream.render.overlay.OverlayPainter;
import io.clipstream.render.overlay.OverlayStyle;
import io.clipstream.render.overlay.redact.RedactionMethod;
import io.clipstream.render.overlay.redact.RedactionPolicy;
import io.clipstream.render.overlay.redact.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * Cost of redaction per 1080p frame beside the cost of painting the overlay on it: a busy scene of
 * six people (one focus track, five masked with a 10 % margin, about 270x650 pixels each) on a
 * noise picture. Pure CPU on one thread, no codec: the per-frame price that is added to decode and
 * encode.
 */
public final class RedactionCostBenchmark implements Benchmark {

  static final int WIDTH = 1920;
  static final int HEIGHT = 1080;

  @Override
  public String name() {
    return "redaction cost";
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    int frames = context.quick() ? 30 : 500;
    YuvImage picture = noise();
    List<OverlayBox> boxes = scene();
    OverlayPainter painter = new OverlayPainter(WIDTH, HEIGHT, OverlayStyle.DEFAULT);
    FrameOverlay overlay =
        new FrameOverlay(
            WIDTH,
            HEIGHT,
            boxes,
            List.of(),
            Optional.of("cam-1  2024-05-24 05:53:44.000 UTC"),
            true);
    List<Double> paint = new ArrayList<>();
    for (int run = 0; run < context.runs(); run++) {
      paint.add(timePerFrame(frames, () -> painter.paint(picture, overlay)));
    }
    double paintMs = Stats.median(paint);
    List<BenchRow> rows = new ArrayList<>();
    for (RedactionMethod method : RedactionMethod.values()) {
      Redactor redactor =
          new Redactor(
              RedactionPolicy.NONE.withAllButFocus(true).withMethod(method), WIDTH, HEIGHT);
      List<Double> redact = new ArrayList<>();
      for (int run = 0; run < context.runs(); run++) {
        redact.add(
            timePerFrame(frames, () -> redactor.apply(picture, boxes, WIDTH, HEIGHT, Set.of(1L))));
      }
      double ms = Stats.median(redact);
      context
          .log()
          .printf(
              "  redaction %s: %.3f ms per 1080p frame (overlay paint %.3f ms)%n",
              method.lowerName(), ms, paintMs);
      rows.add(
          new BenchRow(
              "redaction " + method.lowerName() + " 1080p, 5 of 6 people",
              "overlay paint, same frame (6 boxes, banner)",
              paintMs,
              ms,
              "ms/frame",
              false,
              "one thread, "
                  + frames
                  + " frames per run; redaction ms "
                  + Stats.spread(redact, "%.3f")
                  + "; overlay ms "
                  + Stats.spread(paint, "%.3f")));
    }
    return rows;
  }

  private interface FrameWork {
    void run();
  }

  /** Milliseconds per frame over {@code frames} calls, after as many warm-up calls. */
  private static double timePerFrame(int frames, FrameWork work) {
    for (int i = 0; i < frames; i++) {
      work.run();
    }
    long start = System.nanoTime();
    for (int i = 0; i < frames; i++) {
      work.run();
    }
    return (System.nanoTime() - start) / 1e6 / frames;
  }

  private static YuvImage noise() {
    YuvImage p = YuvImage.allocate(WIDTH, HEIGHT, 128, 128, 128);
    Random random = new Random(17);
    for (int i = 0; i < p.y().limit(); i++) {
      p.y().put(i, (byte) (16 + random.nextInt(220)));
    }
    for (int i = 0; i < p.u().limit(); i++) {
      p.u().put(i, (byte) (16 + random.nextInt(225)));
      p.v().put(i, (byte) (16 + random.nextInt(225)));
    }
    return p;
  }

  private static List<OverlayBox> scene() {
    List<OverlayBox> boxes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      float x = 60 + i * 310;
      float y = 200 + (i % 2) * 150;
      boxes.add(
          new OverlayBox(
              x,
              y,
              x + 220,
              y + 540,
              "person",
              OptionalLong.of(i + 1),
              0.9f,
              OptionalInt.empty(),
              i == 0,
              false));
    }
    return boxes;
  }
}
