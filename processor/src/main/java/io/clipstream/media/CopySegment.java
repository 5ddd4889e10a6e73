package io.clipstream.media;

/**
 * A time range of one file to stream-copy, on the file's local timeline.
 *
 * @param uri file or URI
 * @param fromMicros start of the range (the copy starts at the keyframe at or before it)
 * @param toMicros end of the range, exclusive
 */
public record CopySegment(String uri, long fromMicros, long toMicros) {

  public CopySegment {
    if (toMicros <= fromMicros) {
      throw new IllegalArgumentException(
          "Empty range " + fromMicros + ".." + toMicros + " us of " + uri);
    }
  }
}
