package io.clipstream.render;

import java.util.Locale;

/**
 * Where a render's decoder runs. On two cores x264's threads already keep both busy, and a decoder
 * thread only competes with them (measured in docs/performance.md, "Decode ahead"): the render
 * thread decodes between encodes there. Where a render has cores to spare, decoding ahead on its
 * own thread takes the decoder off the render thread's path, as the ffmpeg CLI does.
 */
public enum DecodeMode {
  /** On a thread of its own, a few frames ahead ({@link DecodeAhead}). */
  AHEAD,
  /** On the render thread, between encodes ({@link DecodeInline}). */
  INLINE;

  /** Processors from which {@link #auto} decodes ahead. */
  static final int AHEAD_FROM_CORES = 4;

  /** The mode for a machine with this many processors. */
  public static DecodeMode auto(int processors) {
    return processors >= AHEAD_FROM_CORES ? AHEAD : INLINE;
  }

  /** The mode for this JVM's processors. */
  public static DecodeMode auto() {
    return auto(Runtime.getRuntime().availableProcessors());
  }

  /**
   * The mode named by a setting: {@code auto}, {@code ahead} or {@code inline} (any case).
   *
   * @throws IllegalArgumentException for any other name, saying which are accepted
   */
  public static DecodeMode parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> auto();
      case "ahead" -> AHEAD;
      case "inline" -> INLINE;
      default ->
          throw new IllegalArgumentException(
              "Unknown decode mode '" + name + "': use auto, ahead or inline");
    };
  }
}
