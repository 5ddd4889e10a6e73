package io.clipstream.bench;

import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.OutputLocation;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.SourceClip;
import io.clipstream.contracts.TimeRange;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.ClipResult;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.renderer.ClipBackend;
import io.clipstream.renderer.RenderOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ClipBackend} that renders prepared requests with the real renderer (no storage) and
 * counts how many render at once: the proof that {@link io.clipstream.renderer.RenderPool}'s
 * encoder bound holds.
 */
final class CountingBackend implements ClipBackend {

  private final Map<String, ClipRequest> requests = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  /** Registers {@code request} and returns a render command naming it. */
  RenderCommand command(ClipRequest request) {
    requests.put(request.clipId(), request);
    Instant start = Instant.EPOCH;
    Instant end = Instant.EPOCH.plusSeconds(10);
    return RenderCommand.newBuilder()
        .setClipId(request.clipId())
        .setEvent(
            Event.newBuilder()
                .setEventId(request.clipId())
                .setCameraId("bench")
                .setTrigger("bench")
                .setStart(start)
                .setEnd(end)
                .build())
        .setCameraId("bench")
        .setWindow(new TimeRange(start, end))
        .setSources(
            List.of(
                SourceClip.newBuilder()
                    .setUri(request.sources().get(0).uri())
                    .setFileStart(start)
                    .setLocalFromMs(0)
                    .setLocalToMs(10_000)
                    .build()))
        .setOptions(RenderOptions.newBuilder().build())
        .setOutput(OutputLocation.newBuilder().setKey(request.name()).build())
        .setRequestedAt(start)
        .build();
  }

  @Override
  public List<RenderOutcome> execute(List<RenderCommand> commands) {
    maxInFlight.accumulateAndGet(inFlight.addAndGet(commands.size()), Math::max);
    try (ClipRenderer renderer = new ClipRenderer()) {
      List<RenderOutcome> outcomes = new ArrayList<>();
      for (RenderCommand c : commands) {
        long t0 = System.nanoTime();
        ClipResult r = renderer.render(requests.get(c.getClipId()));
        outcomes.add(
            RenderOutcome.ready(
                ClipReady.newBuilder()
                    .setClipId(c.getClipId())
                    .setEventId(c.getEvent().getEventId())
                    .setCameraId(c.getCameraId())
                    .setTrigger(c.getEvent().getTrigger())
                    .setVideoUri(r.video().toUri().toString())
                    .setSidecarUri(r.sidecar().toUri().toString())
                    .setRequestedWindow(c.getWindow())
                    .setActualWindow(new TimeRange(r.firstFrame(), r.lastFrame()))
                    .setFrames(r.frames())
                    .setFps(r.frameRate().toDouble())
                    .setWidth(r.width())
                    .setHeight(r.height())
                    .setSizeBytes(r.bytes())
                    .setSha256(r.sha256())
                    .setRenderTimeMs((System.nanoTime() - t0) / 1_000_000)
                    .setCreatedAt(Instant.now())
                    .build()));
      }
      return outcomes;
    } finally {
      inFlight.addAndGet(-commands.size());
    }
  }

  /** The most clips rendering at once since the last {@link #resetMax()}. */
  int maxInFlight() {
    return maxInFlight.get();
  }

  void resetMax() {
    maxInFlight.set(inFlight.get());
  }

  @Override
  public void close() {}
}
