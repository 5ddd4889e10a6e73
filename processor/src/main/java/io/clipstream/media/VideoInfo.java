package io.clipstream.media;

/**
 * What an opened video says about itself.
 *
 * @param uri the file or URI as given
 * @param width coded picture width of the video stream
 * @param height coded picture height
 * @param frameRate the stream's base frame rate as an exact fraction (r_frame_rate: for
 *     variable-rate files the finest rate its timestamps fit on, not the average)
 * @param durationMicros duration of the video stream, or -1 when the container does not say
 * @param codec decoder name, e.g. {@code h264}
 * @param startMicros the stream's start time: local time 0 of the file is this presentation time
 */
public record VideoInfo(
    String uri,
    int width,
    int height,
    Rational frameRate,
    long durationMicros,
    String codec,
    long startMicros) {

  /** The nominal frame period in microseconds (exact for constant-rate files). */
  public double frameMicros() {
    return 1_000_000.0 * frameRate.den() / frameRate.num();
  }
}
