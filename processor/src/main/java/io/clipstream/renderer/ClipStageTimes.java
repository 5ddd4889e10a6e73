package io.clipstream.renderer;

/**
 * The backend's part of a clip's latency, for the per-stage metrics ({@code
 * clipstream_clip_stage_seconds}); the renderer adds the planner, queue and commit stages.
 *
 * @param decodeMillis time the render waited for the decoder for the clip's frames
 * @param encodeMillis time drawing, encoding and completing the files
 * @param uploadMillis time storing the files in object storage
 */
public record ClipStageTimes(long decodeMillis, long encodeMillis, long uploadMillis) {

  public ClipStageTimes {
    if (decodeMillis < 0 || encodeMillis < 0 || uploadMillis < 0) {
      throw new IllegalArgumentException(
          "Stage times cannot be negative: decode "
              + decodeMillis
              + ", encode "
              + encodeMillis
              + ", upload "
              + uploadMillis);
    }
  }
}
