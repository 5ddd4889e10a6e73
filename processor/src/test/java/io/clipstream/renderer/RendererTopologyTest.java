package io.clipstream.renderer;

import static io.clipstream.backend.TestCommands.command;
import static io.clipstream.backend.TestCommands.failed;
import static io.clipstream.backend.TestCommands.forced;
import static io.clipstream.backend.TestCommands.ready;
import static io.clipstream.renderer.RendererFixture.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.RenderCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renderer topology's rules (answer once, skip duplicates, retry, batch, recover), proven with
 * TopologyTestDriver over a fake backend on a real {@link RenderPool}.
 */
class RendererTopologyTest {

  private static final String A = "file:///nvr/cam-1/a.mp4";
  private static final String B = "file:///nvr/cam-1/b.mp4";

  @TempDir Path dir;

  @Test
  void shouldPublishExactlyOneClipReadyKeyedByEventIdAndClearThePendingCommand() {
    try (RendererFixture f = new RendererFixture(dir)) {
      RenderCommand c = command("clip-1", "ev-1", A);
      f.send(c);
      awaitTrue(() -> f.backend.calls() == 1, "the backend to be called");
      assertThat(f.pendingIds()).as("pending until answered").containsExactly("clip-1");

      f.tickUntil(() -> !f.ready.isEmpty(), "a clip-ready record");
      f.tick();

      List<TestRecord<String, ClipReady>> out = f.readyRecords();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).key()).isEqualTo("ev-1");
      assertThat(out.get(0).value().getClipId()).isEqualTo("clip-1");
      assertThat(f.failed.isEmpty()).isTrue();
      assertThat(f.pendingIds()).isEmpty();
      assertThat(f.completedStore().get("clip-1")).isNotNull();
      assertThat(f.backend.calls()).isEqualTo(1);
      assertThat(f.counter("clipstream.clips.ready")).isEqualTo(1.0);
    }
  }

  @Test
  void shouldRecordEachLatencyStageOfAPublishedClipAsATimerTaggedWithTheStage() {
    try (RendererFixture f = new RendererFixture(dir)) {
      f.backend.answer =
          (c, attempt) ->
              RenderOutcome.ready(
                  ready(c).ready().orElseThrow(), new ClipStageTimes(1_200, 3_400, 150));
      f.send(command("clip-1", "ev-1", A));
      f.tickUntil(() -> !f.ready.isEmpty(), "a clip-ready record");

      for (ClipStage stage : ClipStage.values()) {
        assertThat(
                f.registry.get("clipstream.clip.stage").tag("stage", stage.tag()).timer().count())
            .as("stage " + stage.tag())
            .isEqualTo(1);
      }
      assertThat(stageSeconds(f, ClipStage.DECODE)).isEqualTo(1.2);
      assertThat(stageSeconds(f, ClipStage.ENCODE)).isEqualTo(3.4);
      assertThat(stageSeconds(f, ClipStage.UPLOAD)).isEqualTo(0.15);
      // The fixture's event ended long before the command was sent: the planner stage shows it.
      assertThat(stageSeconds(f, ClipStage.PLANNER)).isPositive();
    }
  }

  private static double stageSeconds(RendererFixture f, ClipStage stage) {
    return f.registry
        .get("clipstream.clip.stage")
        .tag("stage", stage.tag())
        .timer()
        .totalTime(java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void shouldIgnoreATombstoneAndStillRenderTheNextCommand() {
    try (RendererFixture f = new RendererFixture(dir)) {
      f.commands.pipeInput("cam-a", null);
      f.tick();
      assertThat(f.pendingIds()).isEmpty();
      assertThat(f.backend.calls()).isZero();

      f.send(command("clip-1", "ev-1", A));
      f.tickUntil(() -> !f.ready.isEmpty(), "a clip-ready record");
      assertThat(f.readyRecords()).hasSize(1);
      assertThat(f.failed.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldIgnoreTheSameCommandAgainButRenderItAgainWhenForced() {
    try (RendererFixture f = new RendererFixture(dir)) {
      RenderCommand c = command("clip-1", "ev-1", A);
      f.send(c);
      f.tickUntil(() -> !f.ready.isEmpty(), "the first clip-ready record");
      assertThat(f.readyRecords()).hasSize(1);

      f.send(c); // a replay
      assertThat(f.pendingIds()).as("a replay is not even stored").isEmpty();
      f.tick();
      f.tick();
      assertThat(f.ready.isEmpty()).isTrue();
      assertThat(f.failed.isEmpty()).isTrue();
      assertThat(f.backend.calls()).isEqualTo(1);
      assertThat(f.counter("clipstream.render.commands.duplicate")).isEqualTo(1.0);

      f.send(forced(c));
      f.tickUntil(() -> !f.ready.isEmpty(), "the forced clip-ready record");
      assertThat(f.readyRecords()).extracting(TestRecord::key).containsExactly("ev-1");
      assertThat(f.backend.attempts("clip-1")).isEqualTo(2);
      assertThat(f.backend.batches.get(1).get(0).getForce()).isTrue();
      assertThat(f.pendingIds()).isEmpty();
    }
  }

  @Test
  void shouldAnnounceTheClipsInFlightAndStartNoOtherWhileDrainingForAStop() throws Exception {
    try (RendererFixture f = new RendererFixture(dir, 1, 4, Duration.ofMinutes(5))) {
      CountDownLatch gate = f.backend.holdNextBatch();
      f.send(command("clip-1", "ev-1", A));
      awaitTrue(() -> f.backend.calls() == 1, "the first render to start");
      f.send(command("clip-2", "ev-2", "file:///nvr/cam-2/b.mp4"));

      CompletableFuture<Boolean> drained =
          CompletableFuture.supplyAsync(() -> f.pool.drain(Duration.ofSeconds(30)));
      Thread.sleep(100);
      assertThat(drained).as("waits for the render in flight").isNotDone();
      gate.countDown();
      f.tickUntil(drained::isDone, "the drain to end once the clip is announced");

      assertThat(drained.get()).isTrue();
      assertThat(f.readyRecords()).extracting(TestRecord::key).containsExactly("ev-1");
      f.advance(Duration.ofSeconds(2));
      assertThat(f.backend.calls()).as("no render started while draining").isEqualTo(1);
      assertThat(f.pendingIds()).as("left to the next owner").containsExactly("clip-2");
    }
  }

  @Test
  void shouldGiveUpDrainingAfterTheLimitAndLeaveTheRenderToTheNextOwner() {
    try (RendererFixture f = new RendererFixture(dir)) {
      CountDownLatch gate = f.backend.holdNextBatch();
      f.send(command("clip-1", "ev-1", A));
      awaitTrue(() -> f.backend.calls() == 1, "the render to start");

      assertThat(f.pool.drain(Duration.ofMillis(200))).isFalse();
      assertThat(f.ready.isEmpty()).isTrue();
      assertThat(f.pendingIds()).containsExactly("clip-1");
      gate.countDown();
    }
  }

  @Test
  void shouldIgnoreTheSameCommandWhileTheFirstIsStillRendering() {
    try (RendererFixture f = new RendererFixture(dir)) {
      CountDownLatch gate = f.backend.holdNextBatch();
      RenderCommand c = command("clip-1", "ev-1", A);
      f.send(c);
      awaitTrue(() -> f.backend.calls() == 1, "the first render to start");
      f.send(c);
      assertThat(f.counter("clipstream.render.commands.duplicate")).isEqualTo(1.0);

      gate.countDown();
      f.tickUntil(() -> !f.ready.isEmpty(), "the clip-ready record");
      f.tick();
      assertThat(f.readyRecords()).hasSize(1);
      assertThat(f.backend.calls()).isEqualTo(1);
    }
  }

  @Test
  void shouldPublishOneClipFailedWithTheBackendsReasonAndMessage() {
    try (RendererFixture f = new RendererFixture(dir)) {
      f.backend.answer =
          (c, attempt) ->
              failed(c, FailureReason.SOURCE_UNREADABLE, "cannot open a.mp4: no such file", false);
      f.send(command("clip-1", "ev-1", A));
      f.tickUntil(() -> !f.failed.isEmpty(), "a clip-failed record");
      f.tick();

      List<TestRecord<String, ClipFailed>> out = f.failedRecords();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).key()).isEqualTo("ev-1");
      ClipFailed failed = out.get(0).value();
      assertThat(failed.getReason()).isEqualTo(FailureReason.SOURCE_UNREADABLE);
      assertThat(failed.getMessage()).isEqualTo("cannot open a.mp4: no such file");
      assertThat(failed.getClipId()).isEqualTo("clip-1");
      assertThat(failed.getRetryable()).isFalse();
      assertThat(f.ready.isEmpty()).isTrue();
      assertThat(f.pendingIds()).isEmpty();
      assertThat(f.backend.calls()).as("not retryable: tried once").isEqualTo(1);
      assertThat(
              f.registry
                  .get("clipstream.clips.failed")
                  .tag("reason", "SOURCE_UNREADABLE")
                  .counter()
                  .count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void shouldRetryARetryableFailureAfterTheBackoffAndThenPublishOnlyTheClipReady() {
    try (RendererFixture f = new RendererFixture(dir, 1, 4, Duration.ofMinutes(5))) {
      f.backend.answer =
          (c, attempt) ->
              attempt == 1
                  ? failed(c, FailureReason.STORAGE_ERROR, "store unreachable", true)
                  : ready(c);
      f.send(command("clip-1", "ev-1", A));
      f.tickUntil(() -> f.counter("clipstream.render.retries") == 1.0, "the retry to be planned");
      assertThat(f.failed.isEmpty()).as("a retryable failure is not published").isTrue();
      assertThat(f.pendingIds()).containsExactly("clip-1");

      // Any render dispatched now blocks, keeping the single worker visibly busy.
      CountDownLatch gate = f.backend.holdNextBatch();
      f.advance(Duration.ofMillis(500));
      assertThat(f.pool.busyWorkers()).as("not retried before the 1 s backoff").isZero();
      assertThat(f.backend.calls()).isEqualTo(1);

      f.advance(Duration.ofMillis(750));
      assertThat(f.pool.busyWorkers()).as("retried once the backoff passed").isEqualTo(1);
      awaitTrue(() -> f.backend.calls() == 2, "the second attempt");
      gate.countDown();
      f.tickUntil(() -> !f.ready.isEmpty(), "the clip-ready record");
      f.tick();

      assertThat(f.readyRecords()).extracting(TestRecord::key).containsExactly("ev-1");
      assertThat(f.failed.isEmpty()).isTrue();
      assertThat(f.pendingIds()).isEmpty();
      assertThat(f.backend.attempts("clip-1")).isEqualTo(2);
    }
  }

  @Test
  void shouldPublishOneRetryableClipFailedOnceRetriesRunPastTheRetryTimeout() {
    try (RendererFixture f = new RendererFixture(dir, 1, 4, Duration.ofSeconds(3))) {
      f.backend.answer =
          (c, attempt) -> failed(c, FailureReason.STORAGE_ERROR, "store unreachable", true);
      f.send(command("clip-1", "ev-1", A));
      f.tickUntil(() -> !f.failed.isEmpty(), "the clip-failed record");
      long publishedAfterMs = f.elapsedMs;
      f.tick();
      f.advance(Duration.ofSeconds(60));
      f.tick();

      List<TestRecord<String, ClipFailed>> out = f.failedRecords();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).key()).isEqualTo("ev-1");
      assertThat(out.get(0).value().getRetryable()).isTrue();
      assertThat(out.get(0).value().getReason()).isEqualTo(FailureReason.STORAGE_ERROR);
      assertThat(out.get(0).value().getMessage()).isEqualTo("store unreachable");
      assertThat(publishedAfterMs).as("given up only after the 3 s timeout").isGreaterThan(3_000);
      assertThat(f.backend.attempts("clip-1")).as("retried before giving up").isGreaterThan(1);
      assertThat(f.counter("clipstream.render.retries"))
          .isEqualTo(f.backend.attempts("clip-1") - 1.0);
      assertThat(f.ready.isEmpty()).isTrue();
      assertThat(f.pendingIds()).isEmpty();
    }
  }

  @Test
  void shouldRetryARenderThatThrowsAnErrorWithALogLineAndThenPublishOneClipFailed() {
    try (RendererFixture f = new RendererFixture(dir, 1, 4, Duration.ofSeconds(3))) {
      f.backend.answer =
          (c, attempt) -> {
            throw new UnsatisfiedLinkError("no libx264 in java.library.path");
          };
      f.send(command("clip-1", "ev-1", A));
      f.tickUntil(() -> !f.failed.isEmpty(), "the clip-failed record");
      f.tick();
      f.advance(Duration.ofSeconds(60));
      f.tick();

      List<TestRecord<String, ClipFailed>> out = f.failedRecords();
      assertThat(out).as("one answer, not an endless silent requeue").hasSize(1);
      assertThat(out.get(0).value().getReason()).isEqualTo(FailureReason.RENDER_ERROR);
      assertThat(out.get(0).value().getMessage()).contains("UnsatisfiedLinkError", "libx264");
      int attempts = f.backend.attempts("clip-1");
      assertThat(attempts).as("retried with backoff, not every tick").isBetween(2, 4);
      assertThat(f.counter("clipstream.render.retries"))
          .as("each retry counted (and logged)")
          .isEqualTo(attempts - 1.0);
      assertThat(f.pendingIds()).isEmpty();
    }
  }

  @Test
  void shouldRenderTheSingleClipOfACameraBeforeTheRestOfAnotherCamerasBacklog() {
    try (RendererFixture f = new RendererFixture(dir, 1, 1, Duration.ofMinutes(5))) {
      CountDownLatch gate = f.backend.holdNextBatch();
      for (int i = 1; i <= 3; i++) {
        f.send(command("a" + i, "ev-a" + i, "file:///nvr/cam-1/a" + i + ".mp4"));
      }
      awaitTrue(() -> f.backend.calls() == 1, "the first render to start");
      f.send(
          RenderCommand.newBuilder(command("b1", "ev-b1", "file:///nvr/cam-2/b1.mp4"))
              .setCameraId("cam-2")
              .build());
      gate.countDown();
      f.tickUntil(() -> f.backend.calls() == 4, "four renders");
      f.tick();

      assertThat(f.backend.batches)
          .extracting(b -> b.get(0).getClipId())
          .containsExactly("a1", "b1", "a2", "a3");
    }
  }

  @Test
  void shouldKeepACommandPendingWhenTheTaskClosesBeforeItsRenderFinishes() {
    RendererFixture f = new RendererFixture(dir);
    try {
      f.backend.holdNextBatch(); // never opened before the driver closes: a crash mid-render
      f.send(command("clip-1", "ev-1", A));
      awaitTrue(() -> f.backend.calls() == 1, "the render to start");
      f.advance(Duration.ofSeconds(1));
      assertThat(f.pendingIds()).containsExactly("clip-1");
      assertThat(f.ready.isEmpty()).isTrue();
      assertThat(f.failed.isEmpty()).isTrue();
    } finally {
      f.close();
    }
    // TopologyTestDriver.close() wipes its state directory (StateDirectory.clean()), so a second
    // driver cannot see this pending store: the restart is proven on the processor itself below.
  }

  @Test
  void shouldRenderTheCommandsFoundInThePendingStoreWhenTheTaskStarts() {
    FakeBackend backend = new FakeBackend();
    RenderPool pool = new RenderPool(backend, 2, 4);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RendererMetrics metrics = new RendererMetrics(registry, pool);
    TaskState state = new TaskState();
    MockProcessorContext<String, SpecificRecord> context = state.context();
    // What a crashed owner left behind, restored from the changelog before init.
    state.pending.put("clip-1", command("clip-1", "ev-1", A));
    state.pending.put("clip-2", command("clip-2", "ev-2", B));

    RenderCommandProcessor processor = new RenderCommandProcessor(SETTINGS, pool, metrics);
    try {
      processor.init(context);
      assertThat(registry.get("clipstream.render.backlog").gauge().value()).isEqualTo(2.0);
      CapturedPunctuator tick = tickOf(context);
      assertThat(tick.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);

      tick.getPunctuator().punctuate(1_000);
      awaitTrue(
          () -> backend.attempts("clip-1") == 1 && backend.attempts("clip-2") == 1, "both renders");
      punctuateUntil(context, pool, 2);

      List<CapturedForward<? extends String, ? extends SpecificRecord>> out = context.forwarded();
      assertThat(out)
          .allSatisfy(fw -> assertThat(fw.childName()).contains(RendererNames.SINK_CLIPS_READY));
      assertThat(out.stream().map(fw -> (String) fw.record().key()).toList())
          .containsExactlyInAnyOrder("ev-1", "ev-2");
      assertThat(state.pending.get("clip-1")).isNull();
      assertThat(state.pending.get("clip-2")).isNull();
      assertThat(state.completed.get("clip-1")).isNotNull();
      assertThat(registry.get("clipstream.render.backlog").gauge().value()).isZero();
    } finally {
      processor.close();
      backend.close();
      pool.close(Duration.ofSeconds(5));
    }
  }

  /**
   * docs/scaling.md: a render in flight on an instance that loses the task in a rebalance is
   * allowed to finish and its result is dropped; the new owner renders the command again from the
   * pending store it got with the task, and only the new owner answers.
   */
  @Test
  void shouldDropTheResultOfARenderThatFinishesAfterItsTaskMovedAndAnswerOnceFromTheNewOwner() {
    FakeBackend oldBackend = new FakeBackend();
    FakeBackend newBackend = new FakeBackend();
    RenderPool oldPool = new RenderPool(oldBackend, 1, 1);
    RenderPool newPool = new RenderPool(newBackend, 1, 1);
    // One task's stores: the new owner gets them with the task (a standby or the changelog).
    TaskState state = new TaskState();
    MockProcessorContext<String, SpecificRecord> oldContext = state.context();
    RenderCommandProcessor oldOwner =
        new RenderCommandProcessor(
            SETTINGS, oldPool, new RendererMetrics(new SimpleMeterRegistry(), oldPool));
    RenderCommandProcessor newOwner =
        new RenderCommandProcessor(
            SETTINGS, newPool, new RendererMetrics(new SimpleMeterRegistry(), newPool));
    try {
      oldOwner.init(oldContext);
      CountDownLatch longRender = oldBackend.holdNextBatch();
      RenderCommand clip = command("clip-1", "ev-1", A);
      oldContext.setRecordMetadata(RendererFixture.TOPICS.commands(), 0, 0);
      oldContext.setCurrentSystemTimeMs(500);
      oldOwner.process(new Record<>("cam-a", clip, 0));
      awaitTrue(() -> oldBackend.attempts("clip-1") == 1, "the render on the old owner to start");

      // The rebalance: the task closes on the old owner while its render runs.
      oldOwner.close();
      MockProcessorContext<String, SpecificRecord> newContext = state.context();
      newOwner.init(newContext);
      tickOf(newContext).getPunctuator().punctuate(1_000);
      awaitTrue(() -> newBackend.attempts("clip-1") == 1, "the new owner to render it again");
      punctuateUntil(newContext, newPool, 1);

      // The old owner's render finishes late; its punctuator, were it still called, forwards
      // nothing: the task it rendered for is gone.
      longRender.countDown();
      awaitTrue(() -> oldPool.clipsInFlight() == 0, "the old owner's render to finish");
      tickOf(oldContext).getPunctuator().punctuate(2_000);
      tickOf(newContext).getPunctuator().punctuate(2_200);

      assertThat(oldContext.forwarded()).as("answers from the old owner").isEmpty();
      assertThat(newContext.forwarded())
          .singleElement()
          .satisfies(
              fw -> {
                assertThat(fw.childName()).contains(RendererNames.SINK_CLIPS_READY);
                assertThat(fw.record().key()).isEqualTo("ev-1");
              });
      assertThat(state.pending.get("clip-1")).isNull();
      assertThat(state.completed.get("clip-1")).isNotNull();
    } finally {
      newOwner.close();
      oldBackend.close();
      newBackend.close();
      oldPool.close(Duration.ofSeconds(5));
      newPool.close(Duration.ofSeconds(5));
    }
  }

  private static final RenderServiceSettings SETTINGS =
      new RenderServiceSettings(
          RendererFixture.TOPICS,
          2,
          4,
          Duration.ofMinutes(5),
          Duration.ofHours(1),
          Duration.ofSeconds(10));

  /** One task's pending and completed stores, in memory, as a processor context hands them out. */
  private static final class TaskState {

    final KeyValueStore<String, RenderCommand> pending;
    final KeyValueStore<String, Long> completed;

    TaskState() {
      RendererSerdes serdes =
          RendererSerdes.avro(
              java.util.Map.of(
                  "schema.registry.url", "mock://restart-" + java.util.UUID.randomUUID()));
      pending =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(RendererNames.PENDING_STORE),
                  Serdes.String(),
                  serdes.commands())
              .withLoggingDisabled()
              .build();
      completed =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(RendererNames.COMPLETED_STORE),
                  Serdes.String(),
                  Serdes.Long())
              .withLoggingDisabled()
              .build();
      MockProcessorContext<String, SpecificRecord> first = new MockProcessorContext<>();
      pending.init(first.getStateStoreContext(), pending);
      completed.init(first.getStateStoreContext(), completed);
    }

    /** A context of a processor of this task (one per owner), holding the task's stores. */
    MockProcessorContext<String, SpecificRecord> context() {
      MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
      context.addStateStore(pending);
      context.addStateStore(completed);
      return context;
    }
  }

  private static CapturedPunctuator tickOf(MockProcessorContext<String, SpecificRecord> context) {
    return context.scheduledPunctuators().stream()
        .filter(p -> p.getInterval().equals(RenderCommandProcessor.TICK))
        .findFirst()
        .orElseThrow();
  }

  /** Calls the tick punctuator, the pool idle each time, until {@code answers} were forwarded. */
  private static void punctuateUntil(
      MockProcessorContext<String, SpecificRecord> context, RenderPool pool, int answers) {
    CapturedPunctuator tick = tickOf(context);
    long now = 1_000;
    long deadline = System.nanoTime() + RendererFixture.DEADLINE.toNanos();
    while (context.forwarded().size() < answers) {
      assertThat(System.nanoTime()).as("waiting for %d answer(s)", answers).isLessThan(deadline);
      awaitTrue(() -> pool.clipsInFlight() == 0, "the pool to finish");
      now += 200;
      tick.getPunctuator().punctuate(now);
    }
  }

  @Test
  void shouldHandCommandsOverTheSameSourceToTheBackendAsOneBatch() {
    try (RendererFixture f = new RendererFixture(dir, 1, 4, Duration.ofMinutes(5))) {
      CountDownLatch gate = f.backend.holdNextBatch();
      f.send(command("first", "ev-0", B));
      awaitTrue(() -> f.backend.calls() == 1, "the first render to occupy the worker");

      f.send(command("a-1", "ev-1", A));
      f.send(command("other", "ev-2", B));
      f.send(command("a-2", "ev-3", A));
      f.send(command("a-3", "ev-4", A));
      assertThat(f.backend.calls()).as("the only worker is busy").isEqualTo(1);

      gate.countDown();
      f.tickUntil(() -> f.backend.calls() >= 2, "the next batch");
      assertThat(f.backend.batches.get(1))
          .extracting(RenderCommand::getClipId)
          .containsExactly("a-1", "a-2", "a-3");

      f.tickUntil(() -> f.backend.calls() >= 3, "the batch after");
      assertThat(f.backend.batches.get(2))
          .extracting(RenderCommand::getClipId)
          .containsExactly("other");

      f.tickUntil(() -> f.pendingIds().isEmpty(), "every answer");
      assertThat(f.readyRecords())
          .extracting(TestRecord::key)
          .containsExactlyInAnyOrder("ev-0", "ev-1", "ev-2", "ev-3", "ev-4");
    }
  }

  @Test
  void shouldCountPendingCommandsInTheBacklogGauge() {
    try (RendererFixture f = new RendererFixture(dir, 1, 1, Duration.ofMinutes(5))) {
      assertThat(f.backlog()).isZero();
      CountDownLatch gate = f.backend.holdNextBatch();
      f.send(command("clip-1", "ev-1", A));
      f.send(command("clip-2", "ev-2", A));
      f.send(command("clip-3", "ev-3", B));
      assertThat(f.backlog()).as("one rendering, two waiting").isEqualTo(3.0);
      f.send(command("clip-1", "ev-1", A)); // duplicate: not counted again
      assertThat(f.backlog()).isEqualTo(3.0);

      gate.countDown();
      f.tickUntil(() -> f.backlog() == 2.0, "the first answer");
      f.tickUntil(() -> f.backlog() == 0.0, "every answer");
      assertThat(f.readyRecords()).hasSize(3);
    }
  }

  @Test
  void shouldRenderAReplayAgainOnceTheAnsweredIdIsForgottenAfterTheRetention() {
    try (RendererFixture f =
        new RendererFixture(dir, 1, 4, Duration.ofMinutes(5), Duration.ofMinutes(1))) {
      RenderCommand c = command("clip-1", "ev-1", A);
      f.send(c);
      f.tickUntil(() -> !f.ready.isEmpty(), "the first clip-ready record");
      f.readyRecords();

      f.advance(RenderCommandProcessor.PURGE_INTERVAL.plusSeconds(1));
      assertThat(f.completedStore().get("clip-1")).as("purged after the retention").isNull();
      f.send(c);
      f.tickUntil(() -> !f.ready.isEmpty(), "the replay's clip-ready record");
      assertThat(f.backend.attempts("clip-1")).isEqualTo(2);
    }
  }
}
