package io.clipstream.render;

import io.clipstream.render.request.ClipRequest;

/**
 * Told about every frame written, for progress bars; called on the rendering thread, keep it cheap.
 */
@FunctionalInterface
public interface RenderProgress {

  RenderProgress NONE = (request, written, expected) -> {};

  /**
   * @param written frames written to this clip so far
   * @param expected estimated frames of the clip (from the window length, frame rate and stride)
   */
  void frameWritten(ClipRequest request, long written, long expected);
}
