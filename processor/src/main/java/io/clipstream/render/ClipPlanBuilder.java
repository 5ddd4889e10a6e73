package io.clipstream.render;

import io.clipstream.media.Rational;
import io.clipstream.media.VideoInfo;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.DurationStrategy;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.ResolutionPolicy;
import io.clipstream.render.request.SourceSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a request and what its files say about themselves into a {@link ClipPlan}, or a clear
 * refusal.
 */
final class ClipPlanBuilder {

  private ClipPlanBuilder() {}

  static ClipPlan plan(ClipRequest request, Function<String, VideoInfo> probe) {
    RenderSettings settings = request.settings();
    List<SourceSlice> sources = request.sources();
    List<VideoInfo> infos = new ArrayList<>();
    for (SourceSlice source : sources) {
      VideoInfo info = probe.apply(source.uri());
      requireOverlap(source, info);
      infos.add(info);
    }
    VideoInfo first = infos.get(0);
    for (int i = 1; i < infos.size(); i++) {
      VideoInfo other = infos.get(i);
      if ((other.width() != first.width() || other.height() != first.height())
          && settings.resolutionPolicy() == ResolutionPolicy.REFUSE) {
        throw new RenderException(
            RenderException.Reason.INCOMPATIBLE_SOURCES,
            "Source "
                + (i + 1)
                + " ("
                + other.uri()
                + ") is "
                + other.width()
                + "x"
                + other.height()
                + " but the first source is "
                + first.width()
                + "x"
                + first.height()
                + "; allow scaling or render them separately");
      }
    }
    List<SourceSlice> ranges =
        settings.strategy() == DurationStrategy.TRIM
            ? Trim.around(request.event(), sources, settings.maxDurationMicros())
            : sources;
    long total =
        ranges.stream()
            .filter(java.util.Objects::nonNull)
            .mapToLong(SourceSlice::durationMicros)
            .sum();
    int stride = 1;
    double speed = 1.0;
    if (settings.strategy() == DurationStrategy.TIMELAPSE
        && settings.maxDurationMicros() > 0
        && total > settings.maxDurationMicros()) {
      stride = (int) Math.ceil((double) total / settings.maxDurationMicros());
      speed = stride;
    } else if (settings.strategy() == DurationStrategy.STRIDE) {
      speed = settings.speed();
      stride =
          Math.max(
              settings.stride(), (int) Math.ceil(speed - 1e-9)); // fps never above the source's
    }
    Rational sourceFps = first.frameRate();
    boolean sameRate = Math.abs(speed - stride) < 1e-9;
    Rational outputFps = sameRate ? sourceFps : sourceFps.dividedBy(stride / speed);
    int width = first.width() & ~1;
    int height = first.height() & ~1;
    List<PlannedSource> planned = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      SourceSlice range = ranges.get(i);
      if (range == null) {
        continue; // trimmed away entirely
      }
      VideoInfo info = infos.get(i);
      boolean sameSize = info.width() == first.width() && info.height() == first.height();
      planned.add(
          new PlannedSource(
              i,
              range,
              info,
              sameSize ? info.width() : first.width(),
              sameSize ? info.height() : first.height()));
    }
    return new ClipPlan(
        planned, width, height, sourceFps, outputFps, stride, stride == 1 && sameRate);
  }

  private static void requireOverlap(SourceSlice source, VideoInfo info) {
    if (info.durationMicros() > 0 && source.fromMicros() >= info.durationMicros()) {
      throw new RenderException(
          RenderException.Reason.WINDOW_OUTSIDE_SOURCE,
          String.format(
              "The window %.3f-%.3f s starts after the end of %s (%.3f s long)",
              source.fromMicros() / 1e6,
              source.toMicros() / 1e6,
              source.uri(),
              info.durationMicros() / 1e6));
    }
  }
}
