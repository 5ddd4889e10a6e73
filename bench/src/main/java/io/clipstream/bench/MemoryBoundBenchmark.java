package io.clipstream.bench;

import io.clipstream.contracts.RenderCommand;
import io.clipstream.renderer.RenderOutcome;
import io.clipstream.renderer.RenderPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Peak resident memory with k concurrent 1080p renders submitted to a {@link RenderPool}: bounded
 * to b &lt; k encoders ({@code maxConcurrentEncoders}) against unbounded (b = k). A wrapping
 * backend counts the renders running at once: more than b fails the benchmark.
 */
public final class MemoryBoundBenchmark implements Benchmark {

  static final int CONCURRENT = 4;
  static final int BOUND = 2;

  private record Phase(double peakMib, double baselineMib, int maxConcurrent, boolean hwm) {}

  @Override
  public String name() {
    return "memory bound";
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    int seconds = context.quick() ? 10 : 30;
    int clipSeconds = context.quick() ? 3 : 10;
    Path input = Inputs.scaled(context.work(), context.footage(), 1920, 1080, seconds);
    CountingBackend backend = new CountingBackend();
    List<RenderCommand> commands = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      commands.add(
          backend.command(
              Inputs.request(
                  input,
                  1920,
                  1080,
                  0,
                  clipSeconds * 1_000_000L,
                  true,
                  context.work(),
                  "memory_" + i)));
    }
    // Bounded first, so that memory the allocator keeps after the unbounded run cannot inflate it.
    Phase bounded = phase(backend, commands, BOUND);
    Phase unbounded = phase(backend, commands, CONCURRENT);
    if (bounded.maxConcurrent() > BOUND) {
      throw new IllegalStateException(
          "the encoder bound did not hold: "
              + bounded.maxConcurrent()
              + " renders at once with maxConcurrentEncoders "
              + BOUND);
    }
    context
        .log()
        .printf(
            "  bounded (b=%d): peak %.0f MiB, %d at once; unbounded: peak %.0f MiB, %d at once%n",
            BOUND,
            bounded.peakMib(),
            bounded.maxConcurrent(),
            unbounded.peakMib(),
            unbounded.maxConcurrent());
    context.log().flush();
    return List.of(
        new BenchRow(
            "peak RSS, " + CONCURRENT + " concurrent 1080p renders",
            "RenderPool unbounded (" + CONCURRENT + " encoders)",
            unbounded.peakMib(),
            bounded.peakMib(),
            "MiB",
            false,
            String.format(
                "maxConcurrentEncoders=%d: at most %d rendering at once (unbounded: %d); RSS before:"
                    + " %.0f / %.0f MiB; %d s clips; peak from %s",
                BOUND,
                bounded.maxConcurrent(),
                unbounded.maxConcurrent(),
                bounded.baselineMib(),
                unbounded.baselineMib(),
                clipSeconds,
                bounded.hwm() ? "VmHWM (reset) and sampled VmRSS" : "sampled VmRSS")));
  }

  private static Phase phase(CountingBackend backend, List<RenderCommand> commands, int encoders)
      throws Exception {
    try (RenderPool pool = new RenderPool(backend, commands.size(), encoders)) {
      System.gc();
      Thread.sleep(200);
      boolean hwm = Rss.resetPeak();
      long baseline = Rss.currentKib();
      backend.resetMax();
      long peak;
      try (Rss.Sampler sampler = new Rss.Sampler()) {
        List<CompletableFuture<List<RenderOutcome>>> futures = new ArrayList<>();
        for (RenderCommand c : commands) {
          futures.add(
              pool.trySubmit(List.of(c))
                  .orElseThrow(() -> new IllegalStateException("no free render worker")));
        }
        for (CompletableFuture<List<RenderOutcome>> f : futures) {
          for (RenderOutcome outcome : f.get(10, TimeUnit.MINUTES)) {
            if (outcome.failed().isPresent()) {
              throw new IllegalStateException(
                  "render failed: " + outcome.failed().get().getMessage());
            }
          }
        }
        sampler.close();
        peak = Math.max(sampler.maxKib(), hwm ? Rss.peakKib() : 0);
      }
      return new Phase(peak / 1024.0, baseline / 1024.0, backend.maxInFlight(), hwm);
    }
  }
}
