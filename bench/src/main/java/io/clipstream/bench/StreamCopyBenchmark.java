package io.clipstream.bench;

import io.clipstream.media.VideoSource;
import io.clipstream.render.ClipResult;
import io.clipstream.render.request.ClipRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A clip without overlays is cut without re-encoding: its speed as a multiple of real time (window
 * length / wall time), with the ffmpeg CLI's {@code -c copy} of the same window in the note.
 */
public final class StreamCopyBenchmark implements Benchmark {

  @Override
  public String name() {
    return "stream copy";
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    int seconds = context.quick() ? 10 : 30;
    long from = 20_000_000L;
    int width;
    int height;
    try (VideoSource probe = VideoSource.open(context.footage().toString())) {
      width = probe.width();
      height = probe.height();
    }
    ClipRequest request =
        Inputs.request(
            context.footage(),
            width,
            height,
            from,
            from + seconds * 1_000_000L,
            false,
            context.work(),
            "stream_copy");
    SingleClipBenchmark.render(request); // warm-up
    List<Double> speed = new ArrayList<>();
    List<Double> cli = new ArrayList<>();
    long frames = 0;
    for (int run = 0; run < context.runs(); run++) {
      ClipResult result = SingleClipBenchmark.render(request);
      if (!result.streamCopied()) {
        throw new IllegalStateException("the clip was re-encoded, not stream-copied");
      }
      frames = result.frames();
      speed.add(seconds / (Math.max(1, result.renderMillis()) / 1000.0));
      cli.add(
          Ffmpeg.run(
                  "-ss",
                  Long.toString(from / 1_000_000),
                  "-i",
                  context.footage().toString(),
                  "-t",
                  Integer.toString(seconds),
                  "-an",
                  "-c",
                  "copy",
                  "-movflags",
                  "+faststart",
                  context.work().resolve("cli_copy.mp4").toString())
              * 1000);
    }
    context.log().printf("  %.0fx real time%n", Stats.median(speed));
    context.log().flush();
    return List.of(
        new BenchRow(
            "stream copy " + seconds + " s, no overlays",
            "real time",
            1.0,
            Stats.median(speed),
            "x real time",
            true,
            String.format(
                "%dx%d, %d frames, with side-car and SHA-256; %s; ffmpeg CLI -c copy: %.0f ms"
                    + " (process start included)",
                width, height, frames, Stats.spread(speed, "%.0f"), Stats.median(cli))));
  }
}
