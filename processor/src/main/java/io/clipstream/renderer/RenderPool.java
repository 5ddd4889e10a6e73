package io.clipstream.renderer;

import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.RenderCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The render workers, shared by every task of one service instance. It never queues: {@link
 * #trySubmit} refuses when every worker is busy, so the backlog stays in the changelogged pending
 * store (where it survives a crash) rather than in memory. Encoders hold native memory the heap
 * limit does not cover, so a batch also takes one encoder permit per clip.
 */
public final class RenderPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RenderPool.class);

  private final ClipBackend backend;
  private final int workers;
  private final int maxEncoders;
  private final ExecutorService executor;
  private final Semaphore freeWorkers;
  private final Semaphore encoders;
  private final AtomicInteger clipsInFlight = new AtomicInteger();

  public RenderPool(ClipBackend backend, int workers, int maxEncoders) {
    this.backend = backend;
    this.workers = workers;
    this.maxEncoders = maxEncoders;
    this.freeWorkers = new Semaphore(workers);
    this.encoders = new Semaphore(maxEncoders);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "clipstream-render-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor = Executors.newFixedThreadPool(workers, threads);
  }

  /** The most commands one batch may hold: each encodes at once with the others. */
  public int maxBatch() {
    return maxEncoders;
  }

  /**
   * Starts rendering {@code batch} if a worker is free. The future completes with one outcome per
   * command, in order: a backend that throws (a bug) fails the batch's clips instead. It completes
   * exceptionally only when the pool shuts down before the batch starts.
   */
  public Optional<CompletableFuture<List<RenderOutcome>>> trySubmit(List<RenderCommand> batch) {
    if (batch.isEmpty() || batch.size() > maxEncoders) {
      throw new IllegalArgumentException(
          "A batch holds 1 to " + maxEncoders + " commands, got " + batch.size());
    }
    if (!freeWorkers.tryAcquire()) {
      return Optional.empty();
    }
    clipsInFlight.addAndGet(batch.size());
    try {
      return Optional.of(CompletableFuture.supplyAsync(() -> run(batch), executor));
    } catch (RuntimeException e) { // rejected: the pool is closing
      clipsInFlight.addAndGet(-batch.size());
      freeWorkers.release();
      return Optional.empty();
    }
  }

  private List<RenderOutcome> run(List<RenderCommand> batch) {
    boolean permits = false;
    try {
      encoders.acquire(batch.size());
      permits = true;
      return backend.execute(batch);
    } catch (RuntimeException e) {
      LOG.error("Render batch of {} failed unexpectedly", batch.size(), e);
      Instant now = Instant.now();
      return batch.stream()
          .map(
              c ->
                  RenderOutcome.failed(
                      c.getClipId(),
                      RendererFailures.of(
                          c,
                          FailureReason.RENDER_ERROR,
                          "the renderer failed unexpectedly: " + e + " (see the renderer's log)",
                          false,
                          now)))
          .toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Render pool shut down before the batch started", e);
    } finally {
      if (permits) {
        encoders.release(batch.size());
      }
      clipsInFlight.addAndGet(-batch.size());
      freeWorkers.release();
    }
  }

  public int freeWorkers() {
    return freeWorkers.availablePermits();
  }

  public int busyWorkers() {
    return workers - freeWorkers.availablePermits();
  }

  public int clipsInFlight() {
    return clipsInFlight.get();
  }

  /**
   * Stops taking batches and waits up to {@code grace} for running renders: their results are
   * dropped (the pending store still holds the commands; the next owner renders them again, and the
   * store keeps the first complete upload).
   */
  public void close(Duration grace) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "{} clip(s) still rendering after {}; abandoning them to the next owner",
            clipsInFlight.get(),
            grace);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
