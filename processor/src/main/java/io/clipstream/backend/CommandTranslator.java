package io.clipstream.backend;

import io.clipstream.contracts.Detection;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.FrameDetections;
import io.clipstream.contracts.Point;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.SourceClip;
import io.clipstream.contracts.Zone;
import io.clipstream.media.UrlRedaction;
import io.clipstream.media.VideoCodec;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.detections.SourceDetection;
import io.clipstream.render.overlay.OverlayZone;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.DurationStrategy;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import io.clipstream.storage.ClipKeys;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Checks a {@link RenderCommand} and turns it into a {@link ClipRequest}: sources against the
 * {@link SourcePolicy}, the output key against the storage rules, options over the service's
 * defaults. Whatever is wrong becomes a {@link CommandRejectedException} naming the field.
 */
final class CommandTranslator {

  private final SourcePolicy policy;
  private final SourceLocator locator;
  private final RenderSettings defaults;

  /** Base name of a render's files (clip.mp4, clip.json, clip.jpg) in its scratch directory. */
  static final String OUTPUT_STEM = "clip";

  private final Path workDir;
  private final URI storeRoot;

  CommandTranslator(
      SourcePolicy policy,
      SourceLocator locator,
      RenderSettings defaults,
      Path workDir,
      URI storeRoot) {
    this.policy = policy;
    this.locator = locator;
    this.defaults = defaults;
    this.workDir = workDir;
    this.storeRoot = storeRoot;
  }

  PreparedClip prepare(RenderCommand command) {
    String clipId = command.getClipId();
    if (clipId.isBlank()) {
      throw invalid("clip_id is empty; every command needs a stable clip id");
    }
    String keyStem = keyStem(command);
    List<SourceSlice> sources = new ArrayList<>();
    for (int i = 0; i < command.getSources().size(); i++) {
      sources.add(source(command.getSources().get(i), i));
    }
    if (sources.isEmpty()) {
      throw new CommandRejectedException(
          FailureReason.NO_RECORDING, "the command lists no source files for its window");
    }
    try {
      ClipRequest request =
          new ClipRequest(
              clipId,
              command.getCameraId(),
              sources,
              eventWindow(command),
              focusTracks(command),
              settings(command.getOptions()),
              workDir.resolve(ClipKeys.segment(clipId)),
              fileName(keyStem));
      return new PreparedClip(command, request, keyStem);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private String keyStem(RenderCommand command) {
    Optional<String> asked = command.getOutput().getOptionalStorageUri();
    if (asked.isPresent() && !sameRoot(URI.create(asked.get()), storeRoot)) {
      throw invalid(
          "output.storage_uri is "
              + asked.get()
              + " but this renderer stores clips under "
              + storeRoot
              + "; leave it empty or route the command to a renderer configured for that store");
    }
    String key = command.getOutput().getKey();
    if (key.startsWith(ClipAnswers.ORIGINAL_PREFIX)) {
      throw invalid(
          "output.key '"
              + key
              + "' starts with "
              + ClipAnswers.ORIGINAL_PREFIX
              + ", the prefix that holds the unredacted originals of redacted clips; choose"
              + " another key (or leave it to the planner)");
    }
    try {
      return ClipKeys.checkStem(key);
    } catch (IllegalArgumentException e) {
      throw invalid("output.key: " + e.getMessage());
    }
  }

  /**
   * The stored objects are {@code <keyStem>.mp4/.json/.jpg}: rendering under the stem's last
   * segment makes the side-car name the files that are stored next to it.
   */
  private static String fileName(String keyStem) {
    return keyStem.substring(keyStem.lastIndexOf('/') + 1);
  }

  private static boolean sameRoot(URI a, URI b) {
    return withSlash(canonical(a)).equals(withSlash(canonical(b)));
  }

  /** {@code file:/x}, {@code file:///x} and {@code file:///y/../x} are one directory. */
  private static String canonical(URI u) {
    return "file".equalsIgnoreCase(u.getScheme())
        ? Path.of(u).normalize().toUri().toString()
        : u.normalize().toString();
  }

  private static String withSlash(String s) {
    return s.endsWith("/") ? s : s + "/";
  }

  private SourceSlice source(SourceClip clip, int index) {
    String where = "sources[" + index + "]";
    Optional<String> refusal = policy.refusal(clip.getUri());
    if (refusal.isPresent()) {
      throw new CommandRejectedException(
          FailureReason.SOURCE_NOT_ALLOWED, UrlRedaction.redact(refusal.get()));
    }
    long from = clip.getLocalFromMs();
    long to = clip.getLocalToMs();
    if (from < 0 || to <= from) {
      throw invalid(
          where
              + ": local range ["
              + from
              + ", "
              + to
              + ") ms is empty or negative; local_to_ms must be after local_from_ms >= 0");
    }
    List<DetectionSample> samples = new ArrayList<>(clip.getDetections().size());
    for (FrameDetections frame : clip.getDetections()) {
      samples.add(
          new DetectionSample(
              frame.getLocalTimeMs() * 1000,
              frame.getDetections().stream().map(CommandTranslator::detection).toList()));
    }
    // FFmpeg opens the located URI (for S3 a presigned URL); everything else names the source as
    // the command did, less any credential an http(s) URI carries.
    return new SourceSlice(
        locator.locate(clip.getUri()),
        from * 1000,
        to * 1000,
        clip.getFileStart(),
        samples,
        UrlRedaction.redact(clip.getUri()));
  }

  private static SourceDetection detection(Detection d) {
    return new SourceDetection(
        d.getBox().getX1(),
        d.getBox().getY1(),
        d.getBox().getX2(),
        d.getBox().getY2(),
        d.getLabel(),
        d.getOptionalTrackId().map(OptionalLong::of).orElse(OptionalLong.empty()),
        d.getScore(),
        color(d.getOptionalColor()));
  }

  private static EventWindow eventWindow(RenderCommand command) {
    Instant start = command.getEvent().getStart();
    Instant end = command.getEvent().getOptionalEnd().orElse(command.getWindow().getEnd());
    if (end.isBefore(start)) {
      throw new CommandRejectedException(
          FailureReason.INVALID_EVENT,
          "event "
              + command.getEvent().getEventId()
              + " ends ("
              + end
              + ") before it starts ("
              + start
              + ")");
    }
    return new EventWindow(start, end);
  }

  private static Set<Long> focusTracks(RenderCommand command) {
    return new HashSet<>(command.getEvent().getFocusTrackIds());
  }

  private RenderSettings settings(RenderOptions o) {
    RenderSettings.Builder b = defaults.toBuilder();
    var encoder = defaults.encoder();
    if (o.getOptionalVideoEncoder().isPresent()) {
      encoder = encoder.withCodec(VideoCodec.parse(o.getVideoEncoder()));
    }
    if (o.getOptionalCrf().isPresent()) {
      encoder = encoder.withCrf(o.getCrf());
    }
    if (o.getOptionalPreset().isPresent()) {
      encoder = encoder.withPreset(o.getPreset().toLowerCase(Locale.ROOT));
    }
    b.encoder(encoder);
    o.getOptionalOverlays().ifPresent(b::overlays);
    o.getOptionalHoldMs().ifPresent(ms -> b.holdMicros(ms * 1000));
    o.getOptionalInterpolate().ifPresent(b::interpolate);
    o.getOptionalDurationStrategy().ifPresent(s -> b.strategy(DurationStrategy.valueOf(s.name())));
    o.getOptionalMaxDurationMs().ifPresent(ms -> b.maxDurationMicros(ms * 1000));
    o.getOptionalFrameStride().ifPresent(b::stride);
    o.getOptionalPlaybackSpeed().ifPresent(b::speed);
    o.getOptionalThumbnail().ifPresent(b::thumbnail);
    if (!o.getZones().isEmpty()) {
      b.zones(o.getZones().stream().map(CommandTranslator::zone).toList());
    }
    o.getOptionalRedaction().ifPresent(r -> b.redaction(RedactionTranslator.policy(r)));
    return b.build();
  }

  private static OverlayZone zone(Zone z) {
    List<float[]> points = new ArrayList<>();
    for (Point p : z.getPoints()) {
      points.add(new float[] {p.getX(), p.getY()});
    }
    return new OverlayZone(z.getName(), points, z.getClosed(), color(z.getOptionalColor()));
  }

  /** {@code #RRGGBB}; anything else draws in the default colour rather than failing the clip. */
  private static OptionalInt color(Optional<String> hex) {
    if (hex.isEmpty() || !hex.get().matches("#[0-9A-Fa-f]{6}")) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(hex.get().substring(1), 16));
  }

  private static CommandRejectedException invalid(String message) {
    return new CommandRejectedException(FailureReason.INVALID_COMMAND, message);
  }
}
