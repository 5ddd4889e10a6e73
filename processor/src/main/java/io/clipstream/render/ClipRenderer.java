package io.clipstream.render;

import io.clipstream.media.MediaException;
import io.clipstream.media.VideoInfo;
import io.clipstream.media.VideoSource;
import io.clipstream.render.request.ClipRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders evidence clips: an MP4 (H.264 High, yuv420p, fast start), a JSON side-car and a thumbnail
 * per {@link ClipRequest}. Knows nothing of Kafka.
 *
 * <p>{@link #renderAll} decodes every source once for all the clips that read it; decoders stay
 * open in the {@link DecoderCache} so a later request for the same file continues forward. Clips
 * without overlays that keep every frame are stream-copied (no re-encode; they start at the
 * keyframe before the window). Not thread-safe: use one renderer per worker thread (they may share
 * a cache).
 */
public final class ClipRenderer implements AutoCloseable {

  private final DecoderCache cache;
  private final boolean ownsCache;
  private final DecodeMode decodeMode;

  /** A renderer with its own cache of 4 decoders, decoding as {@link DecodeMode#auto()} says. */
  public ClipRenderer() {
    this(new DecoderCache(4), true, DecodeMode.auto());
  }

  public ClipRenderer(DecoderCache cache, DecodeMode decodeMode) {
    this(cache, false, decodeMode);
  }

  private ClipRenderer(DecoderCache cache, boolean ownsCache, DecodeMode decodeMode) {
    this.cache = cache;
    this.ownsCache = ownsCache;
    this.decodeMode = java.util.Objects.requireNonNull(decodeMode, "decodeMode");
  }

  /**
   * Renders one clip.
   *
   * @throws RenderException when the request cannot be rendered (unreadable source, window outside
   *     the video, incompatible sources, no frame in the window, encoder unavailable)
   */
  public ClipResult render(ClipRequest request) {
    ClipOutcome outcome = renderAll(List.of(request)).get(0);
    if (outcome.failure().isPresent()) {
      throw outcome.failure().get();
    }
    return outcome.result().orElseThrow();
  }

  /**
   * Renders many clips, sharing decodes between clips over the same files; one outcome per request,
   * in order.
   */
  public List<ClipOutcome> renderAll(List<ClipRequest> requests) {
    return renderAll(requests, RenderProgress.NONE);
  }

  /** {@link #renderAll(List)} reporting every frame written to {@code progress}. */
  public List<ClipOutcome> renderAll(List<ClipRequest> asked, RenderProgress progress) {
    // Originals of redacted clips join the same pass: one decode serves both.
    List<ClipRequest> requests = OriginalTwins.expand(asked);
    ClipOutcome[] outcomes = new ClipOutcome[requests.size()];
    List<DecodeJob> jobs = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      ClipRequest request = requests.get(i);
      try {
        ClipPlan plan = ClipPlanBuilder.plan(request, this::probe);
        if (StreamCopyRender.applies(request, plan)) {
          outcomes[i] = ClipOutcome.success(request, StreamCopyRender.render(request, plan, cache));
        } else {
          jobs.add(new DecodeJob(i, new ClipWriter(request, plan, progress)));
        }
      } catch (RuntimeException e) {
        outcomes[i] = ClipOutcome.failed(request, Failures.classify(request, e));
      }
    }
    new SharedDecode(cache, decodeMode).run(jobs);
    for (DecodeJob job : jobs) {
      outcomes[job.index] = job.outcome;
    }
    return OriginalTwins.fold(asked, List.of(outcomes));
  }

  private VideoInfo probe(String uri) {
    VideoSource source;
    try {
      source = cache.acquire(uri, 0, 0);
    } catch (MediaException e) {
      throw new RenderException(
          RenderException.Reason.SOURCE_UNREADABLE,
          "Cannot read " + uri + ": " + e.getMessage(),
          e);
    }
    VideoInfo info = source.info();
    cache.release(source); // stays open: the decode pass will find it in the cache
    return info;
  }

  public DecoderCache cache() {
    return cache;
  }

  @Override
  public void close() {
    if (ownsCache) {
      cache.close();
    }
  }
}
