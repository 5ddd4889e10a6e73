package io.clipstream.renderer;

import io.clipstream.backend.TestCommands;
import io.clipstream.contracts.RenderCommand;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * A {@link ClipBackend} the test controls: it records every batch it is handed, answers each
 * command with what {@link #answer} returns (by default a clip-ready record built from the command)
 * and, when {@link #holdNextBatch} armed a gate, blocks the next batch until the gate opens.
 */
final class FakeBackend implements ClipBackend {

  /** Answers a command; the int is how many times this clip id was handed over, 1 the first. */
  volatile BiFunction<RenderCommand, Integer, RenderOutcome> answer =
      (c, attempt) -> TestCommands.ready(c);

  final List<List<RenderCommand>> batches = new CopyOnWriteArrayList<>();
  private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
  private final List<CountDownLatch> armed = new CopyOnWriteArrayList<>();

  @Override
  public List<RenderOutcome> execute(List<RenderCommand> commands) {
    batches.add(List.copyOf(commands));
    CountDownLatch hold = gate.getAndSet(null);
    if (hold != null) {
      try {
        if (!hold.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test gate never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      }
    }
    return commands.stream().map(c -> answer.apply(c, attempts(c.getClipId()))).toList();
  }

  /** The next batch blocks, once started, until the returned latch is counted down. */
  CountDownLatch holdNextBatch() {
    CountDownLatch latch = new CountDownLatch(1);
    gate.set(latch);
    armed.add(latch);
    return latch;
  }

  /** How many times {@code clipId} was handed to this backend. */
  int attempts(String clipId) {
    return (int)
        batches.stream().flatMap(List::stream).filter(c -> c.getClipId().equals(clipId)).count();
  }

  int calls() {
    return batches.size();
  }

  /** Opens every gate, so that no worker stays blocked after a test. */
  @Override
  public void close() {
    armed.forEach(CountDownLatch::countDown);
  }
}
