package io.clipstream.recorder;

/**
 * Per-camera counters: a consistent snapshot.
 *
 * @param segments segments delivered
 * @param bytes bytes of the segments delivered
 * @param packets video packets written (frames)
 * @param reconnects times the input was restored after a loss
 * @param bitrateBitsPerSecond video bitrate over the last ~2 s of media received (0 while
 *     disconnected or before the first window)
 * @param connected whether the input is delivering packets now
 */
public record RecorderStats(
    long segments,
    long bytes,
    long packets,
    long reconnects,
    double bitrateBitsPerSecond,
    boolean connected) {}
