package io.clipstream.render;

import io.clipstream.media.VideoInfo;
import io.clipstream.render.request.SourceSlice;

/**
 * A source as the render will read it.
 *
 * @param index position in the request's source list (what the side-car calls the source)
 * @param source the range to read (possibly trimmed from the request's)
 * @param info what the file says about itself
 * @param decodeWidth picture width to decode at (the clip's width when scaled, else the native
 *     width)
 * @param decodeHeight picture height to decode at
 */
record PlannedSource(
    int index, SourceSlice source, VideoInfo info, int decodeWidth, int decodeHeight) {

  boolean scaled() {
    return decodeWidth != info.width() || decodeHeight != info.height();
  }
}
