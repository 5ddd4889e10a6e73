package io.clipstream.recorder;

/** The recorder's counters, updated by its thread and read by any: synchronized snapshots. */
final class StatsCounter {

  private static final long WINDOW_MICROS = 2_000_000;

  private long segments;
  private long bytes;
  private long packets;
  private long reconnects;
  private double bitrate;
  private boolean connected;
  private long windowStart = Long.MIN_VALUE;
  private long windowBytes;

  synchronized void packet(int size, long dtsMicros) {
    packets++;
    if (windowStart == Long.MIN_VALUE || dtsMicros < windowStart) {
      windowStart = dtsMicros;
      windowBytes = 0;
    }
    windowBytes += size;
    long span = dtsMicros - windowStart;
    if (span >= WINDOW_MICROS) {
      bitrate = windowBytes * 8.0 * 1_000_000.0 / span;
      windowStart = dtsMicros;
      windowBytes = 0;
    }
  }

  synchronized void segment(long size) {
    segments++;
    bytes += size;
  }

  synchronized long reconnected() {
    return ++reconnects;
  }

  synchronized void connected(boolean now) {
    connected = now;
    if (!now) {
      bitrate = 0;
    }
    windowStart = Long.MIN_VALUE;
    windowBytes = 0;
  }

  synchronized RecorderStats snapshot() {
    return new RecorderStats(segments, bytes, packets, reconnects, bitrate, connected);
  }
}
