package io.clipstream.bench;

import io.clipstream.media.EncoderSettings;
import io.clipstream.media.VideoCodec;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.detections.SourceDetection;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The suite's inputs, made once per work directory with the ffmpeg CLI from the sample footage, and
 * the clip requests rendered from them.
 */
public final class Inputs {

  /** Both sides encode with libx264 at these settings (Clipstream's defaults). */
  public static final String PRESET = "veryfast";

  public static final int CRF = 23;

  private Inputs() {}

  /**
   * The first {@code seconds} of {@code footage} scaled to {@code width}x{@code height} (libx264
   * veryfast CRF 18: a good-quality source), made once per work directory.
   */
  public static Path scaled(Path work, Path footage, int width, int height, int seconds)
      throws IOException, InterruptedException {
    return encodeOnce(
        work.resolve("in_" + height + "p_" + seconds + "s.mp4"),
        "veryfast",
        18,
        "-i",
        footage.toString(),
        "-t",
        Integer.toString(seconds),
        "-vf",
        "scale=" + width + ":" + height);
  }

  /**
   * High-entropy synthetic input: {@code testsrc2} with temporal noise on every pixel (strength
   * 20), {@code frames} frames at {@code fps}, encoded as a busy camera would (libx264 veryfast CRF
   * 23, keyframe every 2 s); made once per work directory.
   */
  public static Path synthetic(Path work, int width, int height, int frames, int fps)
      throws IOException, InterruptedException {
    return encodeOnce(
        work.resolve("synthetic_" + height + "p_" + frames + "f.mp4"),
        "veryfast",
        23,
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ",noise=alls=20:allf=t+u",
        "-frames:v",
        Integer.toString(frames),
        "-g",
        Integer.toString(2 * fps));
  }

  /**
   * A long 720p file: {@code footage} looped to {@code seconds}, at its native frame rate, a
   * keyframe every 2 s, x264 ultrafast (like a recorder's file); made once per work directory.
   */
  public static Path longSource(Path work, Path footage, int seconds)
      throws IOException, InterruptedException {
    return encodeOnce(
        work.resolve("long_720p_" + seconds + "s.mp4"),
        "ultrafast",
        23,
        "-stream_loop",
        "-1",
        "-i",
        footage.toString(),
        "-t",
        Integer.toString(seconds),
        "-vf",
        "scale=1280:720",
        "-force_key_frames",
        "expr:gte(t,n_forced*2)",
        "-sc_threshold",
        "0");
  }

  /**
   * Makes {@code out} once per work directory: {@code ffmpeg ARGS -an -c:v libx264 -preset PRESET
   * -crf CRF -pix_fmt yuv420p}, written under another name and moved into place when complete.
   */
  private static Path encodeOnce(Path out, String preset, int crf, String... args)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(out)) {
      Path partial = out.resolveSibling("partial_" + out.getFileName());
      List<String> command = new ArrayList<>(List.of(args));
      command.addAll(
          List.of(
              "-an",
              "-c:v",
              "libx264",
              "-preset",
              preset,
              "-crf",
              Integer.toString(crf),
              "-pix_fmt",
              "yuv420p",
              "-f",
              "mp4",
              partial.toString()));
      Ffmpeg.run(command.toArray(String[]::new));
      Files.move(partial, out);
    }
    return out;
  }

  /** Two moving tracked boxes ("person" and "car") at 10 Hz over [from, to) of a w x h video. */
  public static List<DetectionSample> detections(int w, int h, long fromMicros, long toMicros) {
    List<DetectionSample> samples = new ArrayList<>();
    for (long t = fromMicros - fromMicros % 100_000; t < toMicros; t += 100_000) {
      float dx = (t / 100_000) % 200;
      samples.add(
          new DetectionSample(
              t,
              List.of(
                  SourceDetection.tracked(
                      w / 8f + dx, h / 4f, w / 3f + dx, h * 0.75f, "person", 1, 0.9f),
                  SourceDetection.tracked(
                      w / 2f, h / 5f - dx / 4, w * 0.66f, h * 0.7f, "car", 2, 0.8f))));
    }
    return samples;
  }

  /** Render settings of the suite: overlays on or off, no thumbnail, libx264 veryfast CRF 23. */
  public static RenderSettings settings(boolean overlays) {
    return settings(overlays, PRESET, CRF);
  }

  /** {@link #settings(boolean)} with another x264 preset and CRF. */
  public static RenderSettings settings(boolean overlays, String preset, int crf) {
    return RenderSettings.builder()
        .overlays(overlays)
        .thumbnail(false)
        .encoder(
            EncoderSettings.defaults().withCodec(VideoCodec.X264).withPreset(preset).withCrf(crf))
        .build();
  }

  /**
   * A request for [fromMicros, toMicros) of {@code video} (w x h) with the {@link #detections}
   * drawn when {@code overlays}; the file's local 0 is at the Unix epoch.
   */
  public static ClipRequest request(
      Path video,
      int w,
      int h,
      long fromMicros,
      long toMicros,
      boolean overlays,
      Path outputDir,
      String name) {
    return request(video, w, h, fromMicros, toMicros, settings(overlays), outputDir, name);
  }

  /** {@link #request(Path, int, int, long, long, boolean, Path, String)} with other settings. */
  public static ClipRequest request(
      Path video,
      int w,
      int h,
      long fromMicros,
      long toMicros,
      RenderSettings settings,
      Path outputDir,
      String name) {
    SourceSlice source =
        new SourceSlice(
            video.toString(),
            fromMicros,
            toMicros,
            Instant.EPOCH,
            settings.overlays() ? detections(w, h, fromMicros, toMicros) : List.of());
    return new ClipRequest(
        name,
        "bench",
        List.of(source),
        new EventWindow(
            Instant.EPOCH.plusNanos(fromMicros * 1000), Instant.EPOCH.plusNanos(toMicros * 1000)),
        Set.of(1L),
        settings,
        outputDir,
        name);
  }

  /** ffmpeg's filter drawing boxes like {@link #detections}: two 3-pixel rectangles. */
  public static String drawboxFilter() {
    return "drawbox=x=iw/8:y=ih/4:w=iw/5:h=ih/2:color=yellow@1:t=3,"
        + "drawbox=x=iw/2:y=ih/5:w=iw/6:h=ih/2:color=red@1:t=3";
  }

  /** The ffmpeg CLI's decode + drawbox + libx264 of the whole of {@code input}, in seconds. */
  public static double ffmpegRender(Path input, Path output, int gop)
      throws IOException, InterruptedException {
    return ffmpegRender(input, output, PRESET, CRF, gop);
  }

  /** {@link #ffmpegRender(Path, Path, int)} with another x264 preset and CRF. */
  public static double ffmpegRender(Path input, Path output, String preset, int crf, int gop)
      throws IOException, InterruptedException {
    return Ffmpeg.run(
        "-i",
        input.toString(),
        "-vf",
        drawboxFilter(),
        "-an",
        "-c:v",
        "libx264",
        "-preset",
        preset,
        "-crf",
        Integer.toString(crf),
        "-profile:v",
        "high",
        "-pix_fmt",
        "yuv420p",
        "-g",
        Integer.toString(gop),
        "-movflags",
        "+faststart",
        output.toString());
  }
}
