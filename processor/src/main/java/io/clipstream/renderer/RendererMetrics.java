package io.clipstream.renderer;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The renderer's meters: backlog (commands accepted and not yet answered, over this instance's
 * tasks), clips in flight, clips published ready or failed (by reason), render durations, frames
 * per second and replayed commands skipped.
 */
public final class RendererMetrics {

  private final MeterRegistry registry;
  private final Set<IntSupplier> backlogs = ConcurrentHashMap.newKeySet();
  private final Counter ready;
  private final Counter duplicates;
  private final Counter retries;
  private final Timer renderTime;
  private final DistributionSummary framesPerSecond;

  public RendererMetrics(MeterRegistry registry, RenderPool pool) {
    this.registry = registry;
    Gauge.builder("clipstream.render.backlog", this, RendererMetrics::backlog)
        .description("Render commands accepted and not yet answered, on this instance")
        .register(registry);
    Gauge.builder("clipstream.render.inflight", pool, RenderPool::clipsInFlight)
        .description("Clips being rendered or uploaded now")
        .register(registry);
    Gauge.builder("clipstream.render.workers.busy", pool, RenderPool::busyWorkers)
        .description("Render workers busy")
        .register(registry);
    this.ready =
        Counter.builder("clipstream.clips.ready")
            .description("Clip-ready records published")
            .register(registry);
    this.duplicates =
        Counter.builder("clipstream.render.commands.duplicate")
            .description("Commands for clips already answered, skipped (replays)")
            .register(registry);
    this.retries =
        Counter.builder("clipstream.render.retries")
            .description("Clips retried after a failure that may pass")
            .register(registry);
    this.renderTime =
        Timer.builder("clipstream.render.duration")
            .description("Time from render start to stored clip")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    this.framesPerSecond =
        DistributionSummary.builder("clipstream.render.fps")
            .description("Frames rendered per second of render time, per clip")
            .register(registry);
  }

  /** One line for the periodic status log: what an operator checks first. */
  String summary() {
    double failed =
        registry.find("clipstream.clips.failed").counters().stream()
            .mapToDouble(Counter::count)
            .sum();
    return String.format(
        "backlog %d, in flight %.0f, clips ready %.0f, failed %.0f, retries %.0f, duplicates"
            + " skipped %.0f",
        backlog(),
        registry.get("clipstream.render.inflight").gauge().value(),
        ready.count(),
        failed,
        retries.count(),
        duplicates.count());
  }

  int backlog() {
    return backlogs.stream().mapToInt(IntSupplier::getAsInt).sum();
  }

  void addBacklog(IntSupplier backlog) {
    backlogs.add(backlog);
  }

  void removeBacklog(IntSupplier backlog) {
    backlogs.remove(backlog);
  }

  void ready(ClipReady clip) {
    ready.increment();
    renderTime.record(Duration.ofMillis(clip.getRenderTimeMs()));
    if (clip.getRenderTimeMs() > 0) {
      framesPerSecond.record(clip.getFrames() * 1000.0 / clip.getRenderTimeMs());
    }
  }

  /**
   * One stage of a clip's latency ({@code clipstream_clip_stage_seconds{stage=...}}); a negative
   * duration (clocks of two machines) is not recorded.
   */
  void stage(ClipStage stage, long millis) {
    if (millis < 0) {
      return;
    }
    Timer.builder("clipstream.clip.stage")
        .description(
            "Time a clip spends in each stage: planner, queue, decode, encode, upload, commit")
        .tag("stage", stage.tag())
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(Duration.ofMillis(millis));
  }

  /** The backend's stages of a stored clip. */
  void stages(ClipStageTimes times) {
    stage(ClipStage.DECODE, times.decodeMillis());
    stage(ClipStage.ENCODE, times.encodeMillis());
    stage(ClipStage.UPLOAD, times.uploadMillis());
  }

  void failed(ClipFailed clip) {
    Counter.builder("clipstream.clips.failed")
        .description("Clip-failed records published by the renderer")
        .tag("reason", clip.getReason().name())
        .register(registry)
        .increment();
  }

  void duplicateSkipped() {
    duplicates.increment();
  }

  void retried() {
    retries.increment();
  }
}
