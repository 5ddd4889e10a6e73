package io.clipstream.planner;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Stream time of the planner is the time the data describes, not when it was produced: the capture
 * time of a detection frame, the end of a segment (when the file closed), and the latest instant an
 * event record speaks of (updated_at, else end but no later than the longest event after start,
 * else start). Replaying the topics therefore replays the same grace and segment-wait decisions.
 * Anything else keeps its record timestamp, and a time more than {@link #MAX_AHEAD} ahead of the
 * wall clock leaves stream time where it is.
 */
public final class PlannerTimestamps implements TimestampExtractor {

  /**
   * How far ahead of the wall clock a time may move stream time. Store changelog records carry the
   * stream-time timestamp, and brokers refuse records more than {@code
   * message.timestamp.after.max.ms} (1 h by default) ahead: a record from the future would stop the
   * planner.
   */
  static final Duration MAX_AHEAD = Duration.ofMinutes(30);

  private final long maxEventMillis;
  private final LongSupplier wallClock;

  /**
   * @param maxEventDuration the longest event planned: an event's end counts no later than its
   *     start plus this, so that a day-long event (refused) does not move stream time by a day
   */
  public PlannerTimestamps(Duration maxEventDuration) {
    this(maxEventDuration, System::currentTimeMillis);
  }

  PlannerTimestamps(Duration maxEventDuration, LongSupplier wallClock) {
    this.maxEventMillis = maxEventDuration.toMillis();
    this.wallClock = wallClock;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object value = record.value();
    Instant domain = null;
    if (value instanceof DetectionFrame d) {
      domain = d.getCaptureTime();
    } else if (value instanceof Segment s) {
      domain = s.getEnd();
    } else if (value instanceof Event e) {
      domain = e.getOptionalUpdatedAt().orElseGet(() -> eventEnd(e));
    }
    if (domain == null || domain.toEpochMilli() < 0) {
      return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
    if (domain.toEpochMilli() > wallClock.getAsLong() + MAX_AHEAD.toMillis()) {
      // A time from the future (a wrong clock or time zone, seconds read as milliseconds...) would
      // move stream time there for good, plan every open event of the partition at once and get
      // the changelog writes refused: it does not move the clock. Times beyond
      // InputChecks.MAX_FUTURE are then set aside by the processors, with their reason.
      return Math.max(partitionTime, 0);
    }
    return domain.toEpochMilli();
  }

  private Instant eventEnd(Event e) {
    if (e.getOptionalEnd().isEmpty()) {
      return e.getStart();
    }
    Instant latest = e.getStart().plusMillis(maxEventMillis);
    return e.getEnd().isAfter(latest) ? latest : e.getEnd();
  }
}
