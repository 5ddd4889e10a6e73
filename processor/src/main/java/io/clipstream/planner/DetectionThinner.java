package io.clipstream.planner;

import io.clipstream.contracts.Detection;
import io.clipstream.contracts.FrameDetections;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.SourceClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a render command under the size cap by thinning its detections, since detection spill to
 * storage is not built yet.
 *
 * <p>Fallback order: (1) keep the focus tracks' boxes on every frame and keep the other boxes on
 * every 2nd, 4th, ... 1024th frame; (2) drop the other boxes and thin the focus tracks the same
 * way. The renderer's hold and interpolation keep thinned boxes on screen between kept frames. When
 * even one focus box in 1024 frames is too big, the command cannot be sent.
 */
final class DetectionThinner {

  /** The (possibly thinned) command and what was done, or empty when nothing was needed. */
  record Result(RenderCommand command, Optional<String> thinning) {}

  private static final int MAX_STRIDE = 1024;

  private DetectionThinner() {}

  /** The command within {@code maxBytes}, or empty when no thinning gets it there. */
  static Optional<Result> fit(RenderCommand command, int maxBytes) {
    if (size(command) <= maxBytes) {
      return Optional.of(new Result(command, Optional.empty()));
    }
    Set<Long> focus = new HashSet<>(command.getEvent().getFocusTrackIds());
    for (boolean othersKept : new boolean[] {true, false}) {
      for (int stride = othersKept ? 2 : 1; stride <= MAX_STRIDE; stride *= 2) {
        int otherStride = othersKept ? stride : Integer.MAX_VALUE;
        int focusStride = othersKept ? 1 : stride;
        RenderCommand thinned = thin(command, focus, focusStride, otherStride);
        if (size(thinned) <= maxBytes) {
          String what =
              othersKept
                  ? "focus tracks on every frame, other boxes on 1 frame in " + stride
                  : "other boxes dropped, focus tracks on 1 frame in " + stride;
          return Optional.of(new Result(thinned, Optional.of(what)));
        }
      }
    }
    return Optional.empty();
  }

  /** Size of the command's Avro encoding (within a few bytes of the Kafka record value). */
  static int size(RenderCommand command) {
    try {
      return RenderCommand.getEncoder().encode(command).remaining();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode render command " + command.getClipId(), e);
    }
  }

  private static RenderCommand thin(
      RenderCommand command, Set<Long> focus, int focusStride, int otherStride) {
    List<SourceClip> sources = new ArrayList<>();
    int frameNumber = 0; // counted across sources so the stride is even over the whole clip
    for (SourceClip source : command.getSources()) {
      List<FrameDetections> kept = new ArrayList<>();
      for (FrameDetections frame : source.getDetections()) {
        boolean keepFocus = frameNumber % focusStride == 0;
        boolean keepOthers = otherStride != Integer.MAX_VALUE && frameNumber % otherStride == 0;
        frameNumber++;
        List<Detection> boxes = new ArrayList<>();
        for (Detection d : frame.getDetections()) {
          boolean isFocus = d.getTrackId() != null && focus.contains(d.getTrackId());
          if (isFocus ? keepFocus : keepOthers) {
            boxes.add(d);
          }
        }
        if (!boxes.isEmpty()) {
          kept.add(FrameDetections.newBuilder(frame).setDetections(boxes).build());
        }
      }
      sources.add(SourceClip.newBuilder(source).setDetections(kept).build());
    }
    return RenderCommand.newBuilder(command).setSources(sources).build();
  }
}
