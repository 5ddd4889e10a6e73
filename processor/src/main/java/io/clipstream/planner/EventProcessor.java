package io.clipstream.planner;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.Segment;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event lifecycle (open, update, close), and the clock that plans clips: punctuators on stream
 * time and on wall-clock time ask {@link ClipScheduler} what is due and {@link ClipEmitter} emits
 * it. Updates of an event already planned are ignored and logged (docs/planner.md, "late updates").
 */
final class EventProcessor implements Processor<String, Event, String, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);
  // How often due clips are looked for: up to one tick is added to every clip's latency, and a
  // look costs a scan of the open events only.
  private static final Duration TICK = Duration.ofMillis(250);
  private static final long PURGE_EVERY_MS = 60_000;

  private final PlannerSettings settings;
  private final PlannerClock clock;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Event> events;
  private KeyValueStore<String, String> emitted;
  private KeyValueStore<String, DetectionFrame> detections;
  private KeyValueStore<String, Segment> segments;
  private ClipScheduler scheduler;
  private ClipEmitter emitter;
  private long lastPurge = Long.MIN_VALUE;

  EventProcessor(PlannerSettings settings) {
    this.settings = settings;
    this.clock = new PlannerClock(settings.idleAdvanceAfter().toMillis());
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    events = context.getStateStore(PlannerNames.EVENTS_STORE);
    emitted = context.getStateStore(PlannerNames.EMITTED_STORE);
    detections = context.getStateStore(PlannerNames.DETECTIONS_STORE);
    segments = context.getStateStore(PlannerNames.SEGMENTS_STORE);
    scheduler = new ClipScheduler(settings, events, segments, detections);
    emitter = new ClipEmitter(settings, context, scheduler, events, emitted);
    context.schedule(TICK, PunctuationType.STREAM_TIME, streamTime -> tick(streamTime));
    context.schedule(
        TICK, PunctuationType.WALL_CLOCK_TIME, wall -> tick(context.currentStreamTimeMs()));
  }

  @Override
  public void process(Record<String, Event> record) {
    Event event = record.value();
    if (event == null) {
      throw new InvalidInputException(
          "A null value (tombstone) under key '"
              + record.key()
              + "' on "
              + settings.topics().events()
              + " is not an event: tombstones neither cancel nor close events; to close one, send"
              + " it again with its end set");
    }
    Optional<String> problem =
        InputChecks.eventProblem(
            record.key(), event, context.currentSystemTimeMs(), settings.maxEventDuration());
    if (problem.isPresent()) {
      ClipFailed failed =
          PlannerFailures.of(
              null,
              event,
              record.key(),
              FailureReason.INVALID_EVENT,
              "Invalid event '" + event.getEventId() + "': " + problem.get(),
              record.timestamp(),
              Map.of("key", String.valueOf(record.key())));
      LOG.warn("{}", failed.getMessage());
      context.forward(
          new Record<>(failed.getEventId(), (Object) failed, context.currentSystemTimeMs()),
          PlannerNames.SINK_CLIPS_FAILED);
      return;
    }
    String key = StoreKeys.event(record.key(), event.getEventId());
    String planned = emitted.get(key);
    if (planned != null) {
      ignoreLateUpdate(event, EmittedClip.decode(planned));
      return;
    }
    events.put(key, EventLifecycle.apply(events.get(key), event));
  }

  private void ignoreLateUpdate(Event event, EmittedClip planned) {
    Optional<ClipWindow> window = ClipWindow.of(settings, event, Long.MAX_VALUE);
    boolean same =
        window
            .map(w -> w.start() == planned.windowStart() && w.end() == planned.windowEnd())
            .orElse(false);
    if (same) {
      LOG.debug(
          "Duplicate of event '{}' already planned as {}; ignored",
          event.getEventId(),
          planned.clipId());
    } else {
      LOG.info(
          "Update of event '{}' (camera '{}', end {}) arrived after it was planned as {} ({}) for"
              + " window [{}, {}); ignored: publish a render command with force=true to re-render",
          event.getEventId(),
          event.getCameraId(),
          event.getOptionalEnd().orElse(null),
          planned.clipId(),
          planned.outcome(),
          planned.windowStart(),
          planned.windowEnd());
    }
  }

  private void tick(long streamTime) {
    long wall = context.currentSystemTimeMs();
    clock.observe(streamTime, wall);
    long now = clock.now(wall);
    if (now < 0) {
      return;
    }
    scheduler.due(now).forEach(decision -> emitter.emit(decision, now));
    if (now - lastPurge >= PURGE_EVERY_MS) {
      lastPurge = now;
      purge(now);
    }
  }

  private void purge(long now) {
    long cutoff = now - settings.detectionRetention().toMillis();
    int frames = StorePurger.purgeDetections(detections, cutoff);
    int files = StorePurger.purgeSegments(segments, cutoff);
    int ids = emitter.purgeEmitted(now - settings.dedupRetention().toMillis());
    if (frames + files + ids > 0) {
      LOG.debug("Purged {} detection frames, {} segments, {} planned ids", frames, files, ids);
    }
  }
}
