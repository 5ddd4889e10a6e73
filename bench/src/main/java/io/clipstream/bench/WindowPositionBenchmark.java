package io.clipstream.bench;

import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.ClipResult;
import io.clipstream.render.request.ClipRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Window-position independence: the same window length rendered at the start and at the end of a
 * long file (a 10-minute 720p recording, keyframe every 2 s) takes the same time, because the
 * renderer seeks to the keyframe before the window. For contrast, naive rendering decodes from
 * frame 0 to reach the window.
 */
public final class WindowPositionBenchmark implements Benchmark {

  @Override
  public String name() {
    return "window position";
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    int fileSeconds = context.quick() ? 120 : 600;
    int windowSeconds = context.quick() ? 10 : 30;
    Path source = Inputs.longSource(context.work(), context.footage(), fileSeconds);
    long window = windowSeconds * 1_000_000L;
    long endFrom = (fileSeconds - 1) * 1_000_000L - window; // ends 1 s before the file does
    ClipRequest atStart =
        Inputs.request(source, 1280, 720, 0, window, true, context.work(), "window_start");
    ClipRequest atEnd =
        Inputs.request(
            source, 1280, 720, endFrom, endFrom + window, true, context.work(), "window_end");
    SingleClipBenchmark.render(atStart); // warm-up
    List<Double> start = new ArrayList<>();
    List<Double> end = new ArrayList<>();
    List<Double> naive = new ArrayList<>();
    long endDecoded = 0;
    long endFrames = 0;
    long naiveDecoded = 0;
    for (int run = 0; run < context.runs(); run++) {
      ClipResult s = SingleClipBenchmark.render(atStart);
      start.add(s.renderMillis() / 1000.0);
      try (ClipRenderer renderer = new ClipRenderer()) {
        ClipResult e = renderer.render(atEnd);
        end.add(e.renderMillis() / 1000.0);
        endDecoded = renderer.cache().decodedFrames();
        endFrames = e.frames();
      }
      // Naive: decode from frame 0 up to the window, then render it (costs as the start window).
      long t0 = System.nanoTime();
      naiveDecoded = decodeUpTo(source, endFrom);
      naive.add(Stats.secondsSince(t0) + s.renderMillis() / 1000.0);
    }
    context
        .log()
        .printf(
            "  start %.2f s, end %.2f s, naive %.2f s%n",
            Stats.median(start), Stats.median(end), Stats.median(naive));
    context.log().flush();
    String input =
        String.format(
            "%d s window of a %d-min 720p file (keyframe every 2 s)",
            windowSeconds, fileSeconds / 60);
    return List.of(
        new BenchRow(
            "window at end vs at start",
            "same window at the file's start",
            Stats.median(start),
            Stats.median(end),
            "s",
            false,
            String.format(
                "%s; end window decoded %d frames for %d in the clip; start %s, end %s",
                input,
                endDecoded,
                endFrames,
                Stats.spread(start, "%.2f"),
                Stats.spread(end, "%.2f"))),
        new BenchRow(
            "window at end: seek vs naive",
            "naive: decode from frame 0 to the window",
            Stats.median(naive),
            Stats.median(end),
            "s",
            false,
            String.format(
                "%s; naive decodes %d frames before the window, then renders it; %s",
                input, naiveDecoded, Stats.spread(naive, "%.2f"))));
  }

  /** Decodes {@code uri} from its first frame until a frame at or after {@code micros}. */
  private static long decodeUpTo(Path uri, long micros) {
    long frames = 0;
    try (VideoSource source = VideoSource.open(uri.toString())) {
      VideoFrame frame;
      while ((frame = source.next()) != null && frame.ptsMicros() < micros) {
        frames++;
      }
    }
    return frames;
  }
}
