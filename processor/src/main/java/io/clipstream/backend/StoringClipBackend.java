package io.clipstream.backend;

import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.media.Directories;
import io.clipstream.media.UrlRedaction;
import io.clipstream.provenance.ClipSigner;
import io.clipstream.render.ClipOutcome;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.ClipResult;
import io.clipstream.render.DecoderCache;
import io.clipstream.render.RenderException;
import io.clipstream.renderer.ClipBackend;
import io.clipstream.renderer.ClipStageTimes;
import io.clipstream.renderer.RenderOutcome;
import io.clipstream.renderer.RendererFailures;
import io.clipstream.storage.ClipFiles;
import io.clipstream.storage.ClipStore;
import io.clipstream.storage.StorageException;
import io.clipstream.storage.StoredClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link ClipBackend}: translates commands, renders them in one batch with the
 * rendering engine (sources shared by several commands are decoded once, and decoders stay open in
 * a cache shared by all workers), uploads each clip and builds its clip-ready record only once the
 * upload is durable.
 */
public final class StoringClipBackend implements ClipBackend {

  private static final Logger LOG = LoggerFactory.getLogger(StoringClipBackend.class);

  private final CommandTranslator translator;
  private final ClipRenderer renderer;
  private final ClipStore store;
  private final Optional<Duration> urlLifetime;
  private final Clock clock;
  private final String version;
  private Optional<ClipSigner> signer = Optional.empty();

  StoringClipBackend(
      CommandTranslator translator,
      ClipRenderer renderer,
      ClipStore store,
      Optional<Duration> urlLifetime,
      Clock clock,
      String version) {
    this.translator = translator;
    this.renderer = renderer;
    this.store = store;
    this.urlLifetime = urlLifetime;
    this.clock = clock;
    this.version = version;
  }

  /**
   * A backend writing to {@code store} (which it closes when closed).
   *
   * @param urlLifetime how long the store's presigned URLs live, when it presigns
   * @param version written into each clip-ready record
   */
  public static StoringClipBackend create(
      BackendSettings settings,
      SourcePolicy policy,
      SourceLocator locator,
      ClipStore store,
      Optional<Duration> urlLifetime,
      String version) {
    CommandTranslator translator =
        new CommandTranslator(
            policy, locator, settings.defaults(), settings.workDir(), store.root());
    return new StoringClipBackend(
        translator,
        new ClipRenderer(new DecoderCache(settings.decoderCacheSize()), settings.decodeMode()),
        store,
        urlLifetime,
        Clock.systemUTC(),
        version);
  }

  /** Signs every clip with Content Credentials before it is stored (see docs/provenance.md). */
  public StoringClipBackend signingWith(Optional<ClipSigner> clipSigner) {
    this.signer = clipSigner;
    return this;
  }

  /** Decoder-cache hits and misses, for metrics. */
  public DecoderCache decoderCache() {
    return renderer.cache();
  }

  @Override
  public List<RenderOutcome> execute(List<RenderCommand> commands) {
    long started = System.nanoTime();
    RenderOutcome[] outcomes = new RenderOutcome[commands.size()];
    List<PreparedClip> prepared = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      RenderCommand command = commands.get(i);
      try {
        prepared.add(translator.prepare(command));
        positions.add(i);
      } catch (CommandRejectedException e) {
        outcomes[i] = failure(command, e.reason(), e.getMessage(), false);
      } catch (IllegalArgumentException e) {
        outcomes[i] = failure(command, FailureReason.INVALID_COMMAND, e.getMessage(), false);
      }
    }
    if (!prepared.isEmpty()) {
      List<ClipOutcome> rendered =
          renderer.renderAll(prepared.stream().map(PreparedClip::request).toList());
      for (int j = 0; j < prepared.size(); j++) {
        outcomes[positions.get(j)] = finish(prepared.get(j), rendered.get(j), started);
      }
    }
    return List.of(outcomes);
  }

  private RenderOutcome finish(PreparedClip clip, ClipOutcome outcome, long started) {
    RenderCommand command = clip.command();
    try {
      if (outcome.failure().isPresent()) {
        return renderFailure(command, outcome.failure().get());
      }
      ClipResult result = outcome.result().orElseThrow();
      Optional<ClipResult> original = result.unredacted();
      if (signer.isPresent()) {
        try {
          ClipSigning.sign(signer.get(), command, result, version);
          if (original.isPresent()) {
            ClipSigning.sign(signer.get(), command, original.get(), version);
          }
        } catch (IOException | RuntimeException e) {
          LOG.warn("Clip {}: signing failed: {}", command.getClipId(), e.getMessage());
          return failure(
              command,
              FailureReason.RENDER_ERROR,
              "signing the clip's Content Credentials failed (check the provenance.* settings): "
                  + e.getMessage(),
              false);
        }
      }
      long uploadStarted = System.nanoTime();
      StoredClip stored;
      Optional<StoredClip> storedOriginal = Optional.empty();
      try {
        // The original first: a stored redacted clip then implies its original is stored too.
        if (original.isPresent()) {
          storedOriginal =
              Optional.of(
                  store.store(
                      files(command, original.get()),
                      ClipAnswers.ORIGINAL_PREFIX + clip.keyStem(),
                      command.getForce()));
        }
        stored = store.store(files(command, result), clip.keyStem(), command.getForce());
      } catch (StorageException e) {
        LOG.warn("Clip {}: storing failed: {}", command.getClipId(), e.getMessage());
        return failure(
            command,
            FailureReason.STORAGE_ERROR,
            "storing the clip failed: " + e.getMessage(),
            e.retryable());
      }
      long uploadMillis = (System.nanoTime() - uploadStarted) / 1_000_000;
      long elapsed = (System.nanoTime() - started) / 1_000_000;
      LOG.info(
          "Clip {} event {} camera {}: {} frames {}x{}{} rendered in {} ms ({} fps), stored in {}"
              + " ms{} -> {}",
          command.getClipId(),
          command.getEvent().getEventId(),
          command.getCameraId(),
          result.frames(),
          result.width(),
          result.height(),
          result.streamCopied() ? " (stream copy)" : "",
          result.renderMillis(),
          result.renderMillis() == 0 ? "-" : result.frames() * 1000 / result.renderMillis(),
          uploadMillis,
          stored.reused() ? " (already stored: kept)" : "",
          stored.video().uri());
      ClipReady ready =
          ClipAnswers.ready(
              command, result, stored, urlLifetime, elapsed, clock.instant(), version);
      if (storedOriginal.isPresent()) {
        ready = ClipAnswers.withOriginal(ready, storedOriginal.get());
      }
      if (signer.isPresent()) {
        ready =
            ClipReady.newBuilder(ready)
                .setSigned(true)
                .setSignerSubject(signer.get().identity().subject())
                .setSignerFingerprint(signer.get().identity().fingerprint())
                .build();
      }
      return RenderOutcome.ready(
          ready,
          new ClipStageTimes(
              result.stages().decodeMillis(), result.stages().encodeMillis(), uploadMillis));
    } finally {
      deleteQuietly(clip.request().outputDir());
    }
  }

  private static ClipFiles files(RenderCommand command, ClipResult result) {
    return new ClipFiles(command.getClipId(), result.video(), result.sidecar(), result.thumbnail());
  }

  private RenderOutcome renderFailure(RenderCommand command, RuntimeException e) {
    if (e instanceof RenderException r) {
      FailureReason reason =
          switch (r.reason()) {
            case SOURCE_UNREADABLE -> FailureReason.SOURCE_UNREADABLE;
            case WINDOW_OUTSIDE_SOURCE, NO_FRAMES -> FailureReason.NO_RECORDING;
            case INCOMPATIBLE_SOURCES, ENCODER -> FailureReason.RENDER_ERROR;
          };
      LOG.warn("Clip {}: {}", command.getClipId(), r.getMessage());
      return failure(command, reason, r.getMessage(), false);
    }
    if (e instanceof UncheckedIOException io) {
      LOG.warn("Clip {}: local file trouble: {}", command.getClipId(), io.getMessage());
      return failure(
          command,
          FailureReason.RENDER_ERROR,
          "writing the clip locally failed (is the work directory full?): " + io.getMessage(),
          true);
    }
    // An unexpected exception may quote a source as FFmpeg opened it (a presigned URL): its text
    // is redacted, and the stack trace, which repeats it unredacted, goes to DEBUG only.
    String what = UrlRedaction.redact(e.toString());
    LOG.error("Clip {}: unexpected render failure: {}", command.getClipId(), what);
    LOG.debug("Clip {}: unexpected render failure", command.getClipId(), e);
    return failure(
        command,
        FailureReason.RENDER_ERROR,
        "the renderer failed unexpectedly: " + what + " (see the renderer's log)",
        false);
  }

  private RenderOutcome failure(
      RenderCommand command, FailureReason reason, String message, boolean retryable) {
    return RenderOutcome.failed(
        command.getClipId(),
        RendererFailures.of(command, reason, message, retryable, clock.instant()));
  }

  private static void deleteQuietly(Path dir) {
    try {
      Directories.deleteTree(dir);
    } catch (IOException e) {
      LOG.warn("Cannot clean up {}: {}", dir, e.toString());
    }
  }

  @Override
  public void close() {
    renderer.close();
    renderer.cache().close(); // created here, so closed here: the renderer only borrows it
    store.close();
  }
}
