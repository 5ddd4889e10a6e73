package io.clipstream.recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Remembers every call with the time it arrived; thread-safe. */
final class RecordingSink implements SegmentSink {

  record Event(String kind, Instant receivedAt, Object value) {}

  record Lost(Instant lastFrameEnd, String reason) {}

  record Restored(Instant firstFrame, int reconnects) {}

  final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void segmentClosed(RecordedSegment segment) {
    events.add(new Event("segment", Instant.now(), segment));
  }

  @Override
  public void inputLost(String cameraId, Instant lastFrameEnd, String reason) {
    events.add(new Event("lost", Instant.now(), new Lost(lastFrameEnd, reason)));
  }

  @Override
  public void inputRestored(String cameraId, Instant firstFrame, int reconnects) {
    events.add(new Event("restored", Instant.now(), new Restored(firstFrame, reconnects)));
  }

  List<RecordedSegment> segments() {
    return events.stream()
        .filter(e -> e.kind().equals("segment"))
        .map(e -> (RecordedSegment) e.value())
        .toList();
  }

  List<Event> ofKind(String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).toList();
  }

  List<String> kinds() {
    return events.stream().map(Event::kind).toList();
  }

  /** Polls until the condition holds; fails with {@code what} at the deadline. */
  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
