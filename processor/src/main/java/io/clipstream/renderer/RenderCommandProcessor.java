package io.clipstream.renderer;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.RenderCommand;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts render commands and answers each exactly once.
 *
 * <p>{@link #process} only records the command in the changelogged pending store: a render takes
 * seconds and must not hold up the stream thread (or its transaction). Renders run on the {@link
 * RenderPool}; a wall-clock punctuator on the stream thread collects finished ones, forwards the
 * clip-ready or clip-failed record and deletes the pending entry, so that the output and the
 * deletion commit in one transaction. A crash between the render and that commit leaves the command
 * pending: the next owner of the partition renders it again, and the store keeps the complete clip
 * already uploaded, so the clip is announced once.
 *
 * <p>Answered clip ids are remembered for a while in the completed store, which turns replayed and
 * duplicated commands into no-ops unless they ask for {@code force}.
 */
final class RenderCommandProcessor
    implements Processor<String, RenderCommand, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(RenderCommandProcessor.class);
  static final Duration TICK = Duration.ofMillis(200);
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofSeconds(30);

  /** Retry backoff by attempt (1, 2, 3, ...): 1 s doubling up to 30 s. */
  static final IntervalFunction BACKOFF =
      IntervalFunction.ofExponentialBackoff(FIRST_RETRY, 2.0, MAX_RETRY);

  /** Pending commands looked at when filling one batch with commands over the same files. */
  static final int BATCH_LOOKAHEAD = 64;

  private final RenderServiceSettings settings;
  private final RenderPool pool;
  private final RendererMetrics metrics;

  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, RenderCommand> pending;
  private KeyValueStore<String, Long> completed;

  /** Pending clip ids in render order (cameras in turn, oldest event first), with retry times. */
  private final FairQueue queue = new FairQueue();

  private TaskTurns turns;
  private TaskId task;

  private final Map<String, InFlight> inFlight = new HashMap<>();
  private final Map<String, Retry> retries = new HashMap<>();

  /**
   * When each queued command was accepted (System.nanoTime), for the queue stage's metric. The
   * stage metrics use the machine's clocks, not the stream's, so that they are real elapsed times.
   */
  private final Map<String, Long> acceptedAt = new HashMap<>();

  private final IntSupplier backlog = () -> queue.size();
  private Cancellable tick;
  private Cancellable purge;

  private record InFlight(
      RenderCommand command,
      CompletableFuture<List<RenderOutcome>> batch,
      int index,
      CompletableFuture<Long> finishedAt) {}

  private record Retry(long firstFailure, int attempts) {}

  RenderCommandProcessor(RenderServiceSettings settings, RenderPool pool, RendererMetrics metrics) {
    this.settings = settings;
    this.pool = pool;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.pending = context.getStateStore(RendererNames.PENDING_STORE);
    this.completed = context.getStateStore(RendererNames.COMPLETED_STORE);
    this.task = context.taskId();
    this.turns = pool.turns();
    // The stores are restored before init: whatever a crashed or moved owner left is ours now.
    try (KeyValueIterator<String, RenderCommand> all = pending.all()) {
      all.forEachRemaining(kv -> enqueue(kv.value));
    }
    if (queue.size() > 0) {
      LOG.info(
          "Task {}: {} render command(s) pending from before; rendering them",
          context.taskId(),
          queue.size());
    }
    metrics.addBacklog(backlog);
    tick = context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    purge = context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purgeCompleted);
  }

  @Override
  public void process(Record<String, RenderCommand> record) {
    RenderCommand command = record.value();
    if (command == null) {
      // Commands cannot be cancelled: a tombstone changes nothing, but its producer should know.
      LOG.warn(
          "Ignoring a null value (tombstone) under key '{}' on the render-command topic: a render"
              + " command cannot be withdrawn; stop producing tombstones there",
          record.key());
      return;
    }
    String clipId = command.getClipId();
    if (!command.getForce() && (completed.get(clipId) != null || pending.get(clipId) != null)) {
      LOG.info(
          "Clip {} (event {}) is already {}; ignoring the repeated command (set force to render"
              + " it again)",
          clipId,
          command.getEvent().getEventId(),
          completed.get(clipId) != null ? "answered" : "pending");
      metrics.duplicateSkipped();
      return;
    }
    metrics.stage(
        ClipStage.PLANNER, System.currentTimeMillis() - command.getEvent().getEnd().toEpochMilli());
    pending.put(clipId, command);
    if (queue.contains(clipId)) {
      queue.dueNow(clipId); // forced again: render it again as soon as a worker is free
    } else {
      enqueue(command);
    }
    retries.remove(clipId);
    dispatch(context.currentSystemTimeMs());
  }

  private void enqueue(RenderCommand command) {
    acceptedAt.putIfAbsent(command.getClipId(), System.nanoTime());
    queue.add(
        command.getClipId(), command.getCameraId(), command.getEvent().getStart().toEpochMilli());
  }

  private void punctuate(long now) {
    collect(now);
    dispatch(now);
  }

  /**
   * Forwards the answers of finished renders; runs on the stream thread, inside its transaction.
   */
  private void collect(long now) {
    Iterator<Map.Entry<String, InFlight>> it = inFlight.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, InFlight> e = it.next();
      InFlight f = e.getValue();
      if (!f.batch().isDone()) {
        continue;
      }
      it.remove();
      pool.collected(1);
      List<RenderOutcome> outcomes;
      try {
        outcomes = f.batch().join();
      } catch (CancellationException | CompletionException notRendered) {
        // The pool refused or lost the batch (it is stopping, or a worker died): the command
        // stays pending and goes through the retry policy like any failure that may pass.
        Throwable cause = notRendered.getCause() == null ? notRendered : notRendered.getCause();
        retryOrFail(e.getKey(), f.command(), RenderPool.notRendered(f.command(), cause), now);
        continue;
      }
      RenderOutcome outcome = outcomes.get(f.index());
      if (outcome.ready().isPresent()) { // a stored clip is published now, never retried
        outcome.stages().ifPresent(metrics::stages);
        metrics.stage(ClipStage.COMMIT, System.currentTimeMillis() - f.finishedAt().join());
      }
      answer(e.getKey(), f.command(), outcome, now);
    }
  }

  private void answer(String clipId, RenderCommand submitted, RenderOutcome outcome, long now) {
    retryOrFail(clipId, submitted, outcome, now);
  }

  /**
   * Schedules a retry of a failure that may pass (a log line each time), or publishes the outcome:
   * the clip, or its failure once retries ran out. No failure is ever requeued silently.
   */
  private void retryOrFail(
      String clipId, RenderCommand submitted, RenderOutcome outcome, long now) {
    if (outcome.retryable() && mayRetry(clipId, now)) {
      Retry r = retries.get(clipId);
      long backoff = BACKOFF.apply(r.attempts());
      queue.retryAt(clipId, now + backoff);
      metrics.retried();
      LOG.warn(
          "Clip {}: {}; retrying in {} ms (attempt {}, giving up {} after the first failure)",
          clipId,
          outcome.failed().orElseThrow().getMessage(),
          backoff,
          r.attempts() + 1,
          settings.retryTimeout());
      return;
    }
    retries.remove(clipId);
    String eventId = submitted.getEvent().getEventId();
    if (outcome.ready().isPresent()) {
      ClipReady ready = outcome.ready().get();
      context.forward(new Record<>(eventId, ready, now), RendererNames.SINK_CLIPS_READY);
      metrics.ready(ready);
    } else {
      ClipFailed failed = outcome.failed().orElseThrow();
      context.forward(new Record<>(eventId, failed, now), RendererNames.SINK_CLIPS_FAILED);
      metrics.failed(failed);
    }
    completed.put(clipId, now);
    if (submitted.equals(pending.get(clipId))) {
      pending.delete(clipId);
      queue.forget(clipId);
    } else {
      queue.dueNow(clipId); // a forced command came in during the render: it goes again
    }
  }

  private boolean mayRetry(String clipId, long now) {
    Retry r = retries.get(clipId);
    Retry next = r == null ? new Retry(now, 1) : new Retry(r.firstFailure(), r.attempts() + 1);
    retries.put(clipId, next);
    return now - next.firstFailure() < settings.retryTimeout().toMillis();
  }

  /**
   * Hands due pending commands to free workers when it is this task's turn, grouping commands that
   * read the same files.
   */
  private void dispatch(long now) {
    while (pool.freeWorkers() > 0 && turns.mayDispatch(task, now)) {
      List<RenderCommand> batch = nextBatch(now);
      if (batch.isEmpty()) {
        break;
      }
      var submitted = pool.trySubmit(batch);
      if (submitted.isEmpty()) {
        break;
      }
      turns.served(task);
      queue.served(batch.get(0).getClipId());
      CompletableFuture<Long> finishedAt =
          submitted.get().handle((outcomes, error) -> System.currentTimeMillis());
      for (int i = 0; i < batch.size(); i++) {
        RenderCommand c = batch.get(i);
        inFlight.put(c.getClipId(), new InFlight(c, submitted.get(), i, finishedAt));
        Long accepted = acceptedAt.remove(c.getClipId());
        if (accepted != null) {
          metrics.stage(ClipStage.QUEUE, (System.nanoTime() - accepted) / 1_000_000);
        }
      }
    }
    turns.waiting(task, !queue.due(now, inFlight::containsKey, 1).isEmpty(), now);
  }

  /**
   * The next batch: the first due clip in fair order, and the due clips after it (in that order)
   * that read one of the same source files, up to the pool's batch size.
   */
  private List<RenderCommand> nextBatch(long now) {
    List<RenderCommand> batch = new ArrayList<>();
    Set<String> sources = new HashSet<>();
    for (String clipId : queue.due(now, inFlight::containsKey, BATCH_LOOKAHEAD)) {
      if (batch.size() >= pool.maxBatch()) {
        break;
      }
      RenderCommand c = pending.get(clipId);
      if (c == null) {
        queue.forget(clipId);
        continue;
      }
      List<String> uris = c.getSources().stream().map(s -> s.getUri()).toList();
      if (batch.isEmpty() || uris.stream().anyMatch(sources::contains)) {
        batch.add(c);
        sources.addAll(uris);
      }
    }
    return batch;
  }

  private void purgeCompleted(long now) {
    long cutoff = now - settings.completedRetention().toMillis();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = completed.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> kv = all.next();
        if (kv.value < cutoff) {
          expired.add(kv.key);
        }
      }
    }
    expired.forEach(completed::delete);
    if (!expired.isEmpty()) {
      LOG.debug(
          "Forgot {} answered clip id(s) older than {}",
          expired.size(),
          Instant.ofEpochMilli(cutoff));
    }
  }

  @Override
  public void close() {
    if (tick != null) {
      tick.cancel();
      purge.cancel();
    }
    metrics.removeBacklog(backlog);
    if (turns != null) {
      turns.remove(task);
    }
    if (!inFlight.isEmpty()) {
      // The renders run on; their results are not forwarded (only the owner of the partition
      // answers, inside its transaction) and the next owner renders the commands again.
      LOG.info(
          "Task {} closing with {} render(s) in flight {}; their commands stay pending for the"
              + " next owner, which renders them again; these results will be dropped",
          context.taskId(),
          inFlight.size(),
          new TreeSet<>(inFlight.keySet()));
    }
    pool.collected(inFlight.size());
    inFlight.clear();
    acceptedAt.clear();
  }
}
