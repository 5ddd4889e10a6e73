package io.clipstream.planner;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.RenderCommand;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a due clip group into a render command (or a {@link ClipFailed}), forwards it, and moves
 * its events from the pending store to the planned store in the same transaction, so a duplicate, a
 * replay or a restart never plans the same event twice.
 */
final class ClipEmitter {

  /** Event attribute saying how detections were thinned to fit the size cap. */
  static final String THINNED_ATTRIBUTE = "clipstream.detections_thinned";

  /**
   * Windows ending before this (September 2001) read like epoch seconds taken for milliseconds: now
   * in seconds is about 1.7e9, which as milliseconds falls in January 1970.
   */
  private static final long SECONDS_LOOK_ALIKE = 1_000_000_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(ClipEmitter.class);

  private final PlannerSettings settings;
  private final ProcessorContext<String, Object> context;
  private final ClipScheduler scheduler;
  private final KeyValueStore<String, Event> events;
  private final KeyValueStore<String, String> emitted;

  ClipEmitter(
      PlannerSettings settings,
      ProcessorContext<String, Object> context,
      ClipScheduler scheduler,
      KeyValueStore<String, Event> events,
      KeyValueStore<String, String> emitted) {
    this.settings = settings;
    this.context = context;
    this.scheduler = scheduler;
    this.events = events;
    this.emitted = emitted;
  }

  void emit(ClipScheduler.Decision decision, long now) {
    ClipGroup group = decision.group();
    String camera = group.camera();
    String clipId = group.clipId();
    if (decision.coverage().empty()) {
      fail(
          group,
          FailureReason.NO_RECORDING,
          "No recording of camera '"
              + camera
              + "' covers the window ["
              + Instant.ofEpochMilli(group.start())
              + ", "
              + Instant.ofEpochMilli(group.end())
              + ") after waiting "
              + settings.segmentWait()
              + "; check that the recorder publishes its segments to "
              + settings.topics().segments()
              + " keyed by camera id and that the camera's clock offset is right"
              + (group.end() < SECONDS_LOOK_ALIKE
                  ? "; a window in "
                      + Instant.ofEpochMilli(group.end()).atZone(ZoneOffset.UTC).getYear()
                      + " suggests the event's times are epoch seconds, not milliseconds"
                  : ""),
          now);
      return;
    }
    long offset = settings.clockOffset(camera).toMillis();
    List<DetectionFrame> frames =
        scheduler.frames(camera, group.start() - offset, group.end() - offset);
    RenderCommand command =
        CommandAssembler.assemble(group, decision.coverage(), frames, offset, now);
    Optional<DetectionThinner.Result> fitted =
        DetectionThinner.fit(command, settings.maxCommandBytes());
    if (fitted.isEmpty()) {
      fail(
          group,
          FailureReason.COMMAND_TOO_LARGE,
          "The render command of clip "
              + clipId
              + " exceeds "
              + settings.maxCommandBytes()
              + " bytes even with its detections thinned to one focus box in 1024 frames; shorten"
              + " the event or raise the planner's maxCommandBytes (and the topic's max.message.bytes)",
          now);
      return;
    }
    command = fitted.get().command();
    if (fitted.get().thinning().isPresent()) {
      String how = fitted.get().thinning().get();
      Map<String, String> attributes = new LinkedHashMap<>(command.getEvent().getAttributes());
      attributes.put(THINNED_ATTRIBUTE, how);
      command =
          RenderCommand.newBuilder(command)
              .setEvent(Event.newBuilder(command.getEvent()).setAttributes(attributes).build())
              .build();
      LOG.warn(
          "Clip {} exceeded {} bytes; detections thinned: {}",
          clipId,
          settings.maxCommandBytes(),
          how);
    }
    context.forward(
        new Record<>(camera, (Object) command, context.currentSystemTimeMs()),
        PlannerNames.SINK_RENDER_COMMANDS);
    LOG.info(
        "Render command clip={} camera={} events={} window=[{}, {}) sources={} gaps={} autoClosed={}",
        clipId,
        camera,
        group.sortedEventIds(),
        command.getWindow().getStart(),
        command.getWindow().getEnd(),
        command.getSources().size(),
        command.getGaps().size(),
        command.getAutoClosed());
    markPlanned(group, "COMMAND", now);
  }

  private void fail(ClipGroup group, FailureReason reason, String message, long now) {
    String clipId = group.clipId();
    LOG.warn("Clip {} failed ({}): {}", clipId, reason, message);
    for (ClipWindow member : group.members()) {
      ClipFailed failed =
          PlannerFailures.of(
              clipId,
              member.event(),
              group.camera(),
              reason,
              message,
              now,
              Map.of(
                  "window_start",
                  String.valueOf(group.start()),
                  "window_end",
                  String.valueOf(group.end())));
      context.forward(
          new Record<>(member.event().getEventId(), (Object) failed, context.currentSystemTimeMs()),
          PlannerNames.SINK_CLIPS_FAILED);
    }
    markPlanned(group, reason.name(), now);
  }

  private void markPlanned(ClipGroup group, String outcome, long now) {
    EmittedClip planned = new EmittedClip(group.clipId(), group.start(), group.end(), now, outcome);
    for (ClipWindow member : group.members()) {
      String key = StoreKeys.event(group.camera(), member.event().getEventId());
      emitted.put(key, planned.encode());
      events.delete(key);
    }
  }

  /** Forgets planned ids older than {@code cutoff}; the store is small (one entry per event). */
  int purgeEmitted(long cutoff) {
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, String> it = emitted.all()) {
      it.forEachRemaining(
          kv -> {
            if (EmittedClip.decode(kv.value).plannedAt() < cutoff) {
              expired.add(kv.key);
            }
          });
    }
    expired.forEach(emitted::delete);
    return expired.size();
  }
}
