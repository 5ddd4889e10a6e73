package io.clipstream.bench;

import io.clipstream.media.EncoderSettings;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.ClipResult;
import io.clipstream.render.request.ClipRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One clip with overlays at 720p and 1080p: Clipstream (decode, boxes and labels drawn into the YUV
 * planes, libx264) against the ffmpeg CLI doing decode + drawbox + libx264 with the same preset,
 * CRF, profile and GOP, in alternating paired runs on the same file.
 */
public final class SingleClipBenchmark implements Benchmark {

  /** The sizes measured. */
  public static final int[][] SIZES = {{1280, 720}, {1920, 1080}};

  /**
   * Paired measurements at one size.
   *
   * @param width picture width
   * @param height picture height
   * @param frames frames per render
   * @param ffmpegFps the CLI's frames per second, one per run
   * @param clipstreamFps Clipstream's, one per run
   */
  public record Result(
      int width, int height, long frames, List<Double> ffmpegFps, List<Double> clipstreamFps) {

    /** Clipstream's median fps as a fraction of the CLI's. */
    public double ratio() {
      return Stats.median(clipstreamFps) / Stats.median(ffmpegFps);
    }
  }

  @Override
  public String name() {
    return "single clip";
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    int seconds = context.quick() ? 10 : 30;
    List<BenchRow> rows = new ArrayList<>();
    for (int[] size : SIZES) {
      Path input = Inputs.scaled(context.work(), context.footage(), size[0], size[1], seconds);
      Result r =
          measure(input, context.work(), size, seconds, Inputs.PRESET, Inputs.CRF, context.runs());
      rows.add(
          new BenchRow(
              "single clip " + size[1] + "p",
              "ffmpeg CLI decode+drawbox+libx264",
              Stats.median(r.ffmpegFps()),
              Stats.median(r.clipstreamFps()),
              "fps",
              true,
              String.format(
                  "%d frames, %s CRF %d; ffmpeg %s, Clipstream %s",
                  r.frames(),
                  Inputs.PRESET,
                  Inputs.CRF,
                  Stats.spread(r.ffmpegFps(), "%.1f"),
                  Stats.spread(r.clipstreamFps(), "%.1f"))));
      context.log().printf("  %dp: %.0f %% of the ffmpeg CLI%n", size[1], 100 * r.ratio());
      context.log().flush();
    }
    return rows;
  }

  /**
   * Renders the first {@code seconds} of {@code input} (already {@code size}) once to warm up, then
   * {@code runs} times with each side, alternating.
   */
  public static Result measure(
      Path input, Path work, int[] size, int seconds, String preset, int crf, int runs)
      throws IOException, InterruptedException {
    ClipRequest request =
        Inputs.request(
            input,
            size[0],
            size[1],
            0,
            seconds * 1_000_000L,
            Inputs.settings(true, preset, crf),
            work,
            "single_" + size[1]);
    render(request); // warm-up: JIT and native initialisation are not measured
    List<Double> ffmpegFps = new ArrayList<>();
    List<Double> oursFps = new ArrayList<>();
    long frames = 0;
    for (int run = 0; run < runs; run++) {
      ClipResult ours = render(request);
      frames = ours.frames();
      oursFps.add(ours.frames() * 1000.0 / Math.max(1, ours.renderMillis()));
      int gop = EncoderSettings.defaults().gopFrames(ours.frameRate());
      double ffmpegSeconds =
          Inputs.ffmpegRender(input, work.resolve("ffmpeg_" + size[1] + ".mp4"), preset, crf, gop);
      ffmpegFps.add(ours.frames() / ffmpegSeconds);
    }
    return new Result(size[0], size[1], frames, ffmpegFps, oursFps);
  }

  /** One render with a fresh renderer (no decoder left open from an earlier run). */
  static ClipResult render(ClipRequest request) {
    try (ClipRenderer renderer = new ClipRenderer()) {
      return renderer.render(request);
    }
  }
}
