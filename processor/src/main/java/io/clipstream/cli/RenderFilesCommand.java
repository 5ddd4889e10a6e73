package io.clipstream.cli;

import io.clipstream.media.MediaException;
import io.clipstream.media.VideoInfo;
import io.clipstream.media.VideoSource;
import io.clipstream.render.ClipOutcome;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.DecodeMode;
import io.clipstream.render.DecoderCache;
import io.clipstream.render.RenderException;
import io.clipstream.render.input.BadInputException;
import io.clipstream.render.request.ClipRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream render}: video file(s) + detections JSONL → MP4, JSON side-car and JPEG
 * thumbnail, offline, without Kafka. Exit codes: 0 done, 2 bad input (the message says which file,
 * line or value), 1 a clip failed for another reason (encoder, disk).
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Renders an evidence clip (MP4 + JSON side-car + JPEG thumbnail) from video file(s) and "
          + "detections in JSONL (frame_idx or ts, bbox [x1,y1,x2,y2], label, score, track_id, color).",
      "Several --video (or --source) files form one continuous clip; --batch renders many clips, decoding "
          + "each shared file once."
    })
public final class RenderFilesCommand implements Callable<Integer> {

  static final int BAD_INPUT = 2;
  private static final Logger LOG = LoggerFactory.getLogger(RenderFilesCommand.class);

  @Spec private CommandSpec spec;

  @Option(
      names = "--video",
      paramLabel = "FILE",
      description = "Source video; repeat for consecutive files.")
  List<Path> videos = new ArrayList<>();

  @Option(
      names = "--source",
      paramLabel = "FILE:FROM:TO",
      description = "A file with its own local window in seconds (NVR segments); repeatable.")
  List<String> segments = new ArrayList<>();

  @Option(
      names = "--detections",
      paramLabel = "FILE.jsonl",
      description = "Detections of the --video/--source at the same position; repeatable.")
  List<Path> detections = new ArrayList<>();

  @Option(
      names = {"--start", "--from"},
      paramLabel = "SECONDS",
      description = "Window start in the first video.")
  Double start;

  @Option(
      names = {"--end", "--to"},
      paramLabel = "SECONDS",
      description = "Window end (exclusive) in the last video.")
  Double end;

  @Option(
      names = {"--output", "-o"},
      paramLabel = "FILE.mp4",
      description = "The clip; the side-car (.json) and thumbnail (.jpg) are written next to it.")
  Path output;

  @Option(
      names = "--batch",
      paramLabel = "SPEC",
      description = "JSON or YAML file describing many clips.")
  Path batch;

  @Mixin RenderFilesClip clip = new RenderFilesClip();

  @Mixin RenderFilesOptions options = new RenderFilesOptions();

  @Option(
      names = "--decode",
      paramLabel = "MODE",
      defaultValue = "auto",
      converter = DecodeModeConverter.class,
      description =
          "Where the decoder runs: ahead (its own thread), inline (between encodes) or auto"
              + " (ahead from 4 processors; default: ${DEFAULT-VALUE}).")
  DecodeMode decode;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Progress bar on stderr (default: on a terminal).")
  Boolean progress;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ClipRenderer renderer = new ClipRenderer(new DecoderCache(4), decode)) {
      RenderFilesInputs inputs = new RenderFilesInputs(uri -> probe(renderer, uri));
      List<ClipRequest> requests =
          batch != null
              ? RenderFilesBatch.load(batch, options.toSettings(), clip, inputs)
              : List.of(clip.request(singleClipParts(), output, options.toSettings(), inputs));
      boolean showProgress = progress != null ? progress : System.console() != null;
      RenderFilesProgress bar = new RenderFilesProgress(err, showProgress);
      List<ClipOutcome> outcomes = renderer.renderAll(requests, bar);
      bar.done();
      return RenderFilesReport.print(outcomes, out, err);
    } catch (BadInputException | RenderException | IllegalArgumentException e) {
      err.println("clipstream render: " + e.getMessage());
      return BAD_INPUT;
    } catch (RuntimeException e) {
      LOG.debug("Render failed", e);
      err.println("clipstream render: failed: " + e.getMessage());
      return 1;
    }
  }

  private List<RenderFilesInputs.Part> singleClipParts() {
    if (!videos.isEmpty() == !segments.isEmpty()) {
      throw new BadInputException(
          videos.isEmpty()
              ? "Give the footage with --video FILE (or --source FILE:FROM:TO, or --batch SPEC)"
              : "Use either --video or --source, not both");
    }
    if (output == null) {
      throw new BadInputException("Give the clip's file with --output FILE.mp4");
    }
    int count = videos.isEmpty() ? segments.size() : videos.size();
    if (!detections.isEmpty() && detections.size() != count) {
      throw new BadInputException(
          "Give one --detections per video (" + count + "), got " + detections.size());
    }
    List<RenderFilesInputs.Part> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path dets = detections.isEmpty() ? null : detections.get(i);
      if (!segments.isEmpty()) {
        if (start != null || end != null) {
          throw new BadInputException("--source carries its own window: drop --start/--end");
        }
        parts.add(RenderFilesInputs.parseSegment(segments.get(i), dets));
      } else {
        parts.add(
            new RenderFilesInputs.Part(
                videos.get(i), dets, i == 0 ? start : null, i == count - 1 ? end : null));
      }
    }
    return parts;
  }

  private static VideoInfo probe(ClipRenderer renderer, String uri) {
    VideoSource source;
    try {
      source = renderer.cache().acquire(uri, 0, 0);
    } catch (MediaException e) {
      throw new BadInputException("Cannot read video " + uri + ": " + e.getMessage());
    }
    VideoInfo info = source.info();
    renderer.cache().release(source);
    return info;
  }

  /** {@code auto} resolved for this machine, {@code ahead}, {@code inline}. */
  static final class DecodeModeConverter implements ITypeConverter<DecodeMode> {
    @Override
    public DecodeMode convert(String value) {
      return DecodeMode.parse(value);
    }
  }
}
