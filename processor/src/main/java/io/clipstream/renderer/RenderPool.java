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

  /** How often {@link #drain} looks whether the tasks have collected the last outcomes. */
  private static final Duration DRAIN_POLL = Duration.ofMillis(20);

  private final ClipBackend backend;
  private final int workers;
  private final int maxEncoders;
  private final ExecutorService executor;
  private final Semaphore freeWorkers;
  private final Semaphore encoders;
  private final AtomicInteger clipsInFlight = new AtomicInteger();

  /** Clips handed to a worker whose outcome no task has collected yet. */
  private final AtomicInteger unanswered = new AtomicInteger();

  private volatile boolean draining;
  private final TaskTurns turns = new TaskTurns();

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
    if (draining || !freeWorkers.tryAcquire()) {
      return Optional.empty();
    }
    clipsInFlight.addAndGet(batch.size());
    unanswered.addAndGet(batch.size());
    try {
      return Optional.of(CompletableFuture.supplyAsync(() -> run(batch), executor));
    } catch (RuntimeException e) { // rejected: the pool is closing
      clipsInFlight.addAndGet(-batch.size());
      unanswered.addAndGet(-batch.size());
      freeWorkers.release();
      return Optional.empty();
    }
  }

  /**
   * A task took the outcome of {@code clips} submitted clips (announced, failed or scheduled for a
   * retry), or dropped them because it closed: they no longer hold up {@link #drain}.
   */
  void collected(int clips) {
    unanswered.addAndGet(-clips);
  }

  /**
   * For a graceful stop: takes no more batches and waits up to {@code limit} until every clip
   * submitted so far has been rendered and collected by its task, so that the stream threads, still
   * running, announce them. Returns whether all were; after the limit the rest is left to {@link
   * #close}.
   */
  public boolean drain(Duration limit) {
    draining = true;
    long deadline = System.nanoTime() + limit.toNanos();
    int waiting = unanswered.get();
    if (waiting > 0) {
      LOG.info(
          "Stopping: letting {} clip(s) in flight finish and be announced (up to {} ms)",
          waiting,
          limit.toMillis());
    }
    try {
      while (unanswered.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(DRAIN_POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean done = unanswered.get() <= 0;
    if (!done) {
      LOG.warn(
          "Stopping: {} clip(s) still unannounced after {} ms (render.stop.drain.ms); the"
              + " partitions' next owners render them again",
          unanswered.get(),
          limit.toMillis());
    }
    return done;
  }

  private List<RenderOutcome> run(List<RenderCommand> batch) {
    boolean permits = false;
    try {
      encoders.acquire(batch.size());
      permits = true;
      return backend.execute(batch);
    } catch (RuntimeException e) {
      LOG.error("Render batch of {} failed unexpectedly", batch.size(), e);
      return outcomes(
          batch, "the renderer failed unexpectedly: " + e + " (see the renderer's log)", false);
    } catch (Error e) {
      // From the native libraries (UnsatisfiedLinkError), or memory: may pass on another try, so
      // the clips go through the retry policy (a log line per attempt, then clips.failed).
      LOG.error("Render batch of {} hit an error of the JVM or a native library", batch.size(), e);
      return outcomes(
          batch,
          "the renderer hit "
              + e
              + " (an error of the JVM or of a native library; check the renderer's memory"
              + " settings and log)",
          true);
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

  private static List<RenderOutcome> outcomes(
      List<RenderCommand> batch, String message, boolean retryable) {
    Instant now = Instant.now();
    return batch.stream().map(c -> failure(c, message, retryable, now)).toList();
  }

  private static RenderOutcome failure(
      RenderCommand c, String message, boolean retryable, Instant now) {
    return RenderOutcome.failed(
        c.getClipId(), RendererFailures.of(c, FailureReason.RENDER_ERROR, message, retryable, now));
  }

  /**
   * The outcome of a command whose batch never produced outcomes ({@code cause}: the pool stopped
   * before it ran, or the batch's future failed): a failure that may pass, so it is retried.
   */
  static RenderOutcome notRendered(RenderCommand command, Throwable cause) {
    return failure(
        command,
        "the render did not run: " + cause + " (it is retried; see the renderer's log)",
        true,
        Instant.now());
  }

  /** Whose turn it is among the tasks sharing these workers. */
  TaskTurns turns() {
    return turns;
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
