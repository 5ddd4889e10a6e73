package io.clipstream.bench;

import io.clipstream.render.ClipOutcome;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.ClipResult;
import io.clipstream.render.request.ClipRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several clips from one source: one {@link ClipRenderer#renderAll} call (each frame decoded once
 * and handed to every clip that contains it: one decode feeding several encoders) against one
 * render per clip with a fresh renderer each (no decoder cache: every clip opens, seeks and decodes
 * its own frames). The default is ten 20 s clips overlapping by half from a 10-minute file; {@link
 * #fiveFromOneMinute()} is five 10 s clips spread over a 60 s file.
 */
public final class BatchBenchmark implements Benchmark {

  private final String name;
  private final int clips;
  private final int fileSeconds;
  private final int clipSeconds;
  private final boolean overlapping;

  /** Ten 20 s clips overlapping by half, from the middle of a 10-minute file. */
  public BatchBenchmark() {
    this("batch", 10, 600, 20, true);
  }

  private BatchBenchmark(
      String name, int clips, int fileSeconds, int clipSeconds, boolean overlapping) {
    this.name = name;
    this.clips = clips;
    this.fileSeconds = fileSeconds;
    this.clipSeconds = clipSeconds;
    this.overlapping = overlapping;
  }

  /** Five 10 s clips from one 60 s file, one every 12.5 s (the batch row). */
  public static BatchBenchmark fiveFromOneMinute() {
    return new BatchBenchmark("batch of five", 5, 60, 10, false);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    int fileSeconds = context.quick() ? Math.min(120, this.fileSeconds) : this.fileSeconds;
    int clipSeconds = context.quick() ? 4 : this.clipSeconds;
    Path source = Inputs.longSource(context.work(), context.footage(), fileSeconds);
    // Overlapping: a busy stretch, an event every clipSeconds/2 from a third of the file on.
    // Otherwise the clips are spread evenly over the whole file.
    long first = overlapping ? fileSeconds * 1_000_000L / 3 : 0;
    long step =
        overlapping
            ? clipSeconds * 500_000L
            : (fileSeconds - clipSeconds) * 1_000_000L / Math.max(1, clips - 1);
    List<ClipRequest> requests = new ArrayList<>();
    for (int i = 0; i < clips; i++) {
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
            name + ": " + clips + " clips, shared decode",
            "one render per clip (fresh renderer each)",
            Stats.median(separate),
            Stats.median(shared),
            "s",
            false,
            String.format(
                "%d x %d s 720p clips %s, from a %d s file; one decode feeding %d encoders"
                    + " (as cv-evidence-renderer's batch decoding); frames decoded: shared %d,"
                    + " separate %d; saving %.0f %% of the wall time; shared %s, separate %s",
                clips,
                clipSeconds,
                overlapping ? "overlapping by half" : "spread over the file",
                fileSeconds,
                clips,
                sharedDecoded,
                separateDecoded,
                100 * (1 - Stats.median(shared) / Stats.median(separate)),
                Stats.spread(shared, "%.1f"),
                Stats.spread(separate, "%.1f"))));
  }
}
