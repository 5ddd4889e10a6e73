package io.clipstream.bench;

import io.clipstream.render.ClipOutcome;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.ClipResult;
import io.clipstream.render.request.ClipRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ten clips from one 10-minute source: one {@link ClipRenderer#renderAll} call (each frame decoded
 * once for every clip that contains it) against one render per clip with a fresh renderer each (no
 * decoder cache: every clip opens, seeks and decodes its own frames).
 */
public final class BatchBenchmark implements Benchmark {

  static final int CLIPS = 10;

  @Override
  public String name() {
    return "batch";
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    int fileSeconds = context.quick() ? 120 : 600;
    int clipSeconds = context.quick() ? 4 : 20;
    Path source = Inputs.longSource(context.work(), context.footage(), fileSeconds);
    // A busy stretch: an event every clipSeconds/2, so consecutive clips overlap by half.
    long first = fileSeconds * 1_000_000L / 3;
    long step = clipSeconds * 500_000L;
    List<ClipRequest> requests = new ArrayList<>();
    for (int i = 0; i < CLIPS; i++) {
      long from = first + i * step;
      requests.add(
          Inputs.request(
              source,
              1280,
              720,
              from,
              from + clipSeconds * 1_000_000L,
              true,
              context.work(),
              "batch_" + i));
    }
    List<Double> shared = new ArrayList<>();
    List<Double> separate = new ArrayList<>();
    long sharedDecoded = 0;
    long separateDecoded = 0;
    for (int run = 0; run < context.runs(); run++) {
      long t0 = System.nanoTime();
      try (ClipRenderer renderer = new ClipRenderer()) {
        for (ClipOutcome outcome : renderer.renderAll(requests)) {
          if (outcome.failure().isPresent()) {
            throw outcome.failure().get();
          }
        }
        sharedDecoded = renderer.cache().decodedFrames();
      }
      shared.add(Stats.secondsSince(t0));
      t0 = System.nanoTime();
      separateDecoded = 0;
      for (ClipRequest request : requests) {
        try (ClipRenderer renderer = new ClipRenderer()) {
          ClipResult result = renderer.render(request);
          separateDecoded += renderer.cache().decodedFrames();
          if (result.frames() == 0) {
            throw new IllegalStateException("empty clip " + request.name());
          }
        }
      }
      separate.add(Stats.secondsSince(t0));
    }
    context
        .log()
        .printf("  shared %.1f s, separate %.1f s%n", Stats.median(shared), Stats.median(separate));
    context.log().flush();
    return List.of(
        new BenchRow(
            "batch of " + CLIPS + " clips, shared decode",
            "one render per clip (fresh renderer each)",
            Stats.median(separate),
            Stats.median(shared),
            "s",
            false,
            String.format(
                "%d x %d s 720p clips overlapping by half, from a %d-min file; frames decoded:"
                    + " shared %d, separate %d; shared %s, separate %s",
                CLIPS,
                clipSeconds,
                fileSeconds / 60,
                sharedDecoded,
                separateDecoded,
                Stats.spread(shared, "%.1f"),
                Stats.spread(separate, "%.1f"))));
  }
}
