package io.clipstream.recorder;

/**
 * Maps one connection's presentation times to wall-clock capture times: {@code wall = offset + pts}
 * (microseconds).
 *
 * <p>Without a capture time from the input, the offset is estimated from arrivals: a frame cannot
 * arrive before it was captured, so {@code arrival - pts} is an upper bound of the offset for every
 * packet, and the smallest one seen is the tightest. The minimum discards the delay of packets the
 * demuxer buffered while probing the stream and of bursts some servers send on connect (a cached
 * GOP); what remains is the constant part of the camera-to-recorder latency. The estimate is
 * refined until {@link #freeze} and fixed afterwards, so consecutive segments of one connection
 * stay contiguous; the recorder moves it earlier at a segment boundary if a later packet proves it
 * too late (see {@link #correct}).
 *
 * <p>When the input carries a capture time ({@code start_time_realtime}: the wall time of pts 0,
 * e.g. RTSP with RTCP sender reports), that is used instead.
 */
final class WallClockAnchor {

  private long estimate = Long.MAX_VALUE;
  private long firstArrival = Long.MIN_VALUE;
  private long offset;
  private boolean frozen;
  private boolean fromInput;

  /** A packet of presentation time {@code ptsMicros} was received at {@code arrivalMicros}. */
  void observe(long arrivalMicros, long ptsMicros) {
    if (firstArrival == Long.MIN_VALUE) {
      firstArrival = arrivalMicros;
    }
    estimate = Math.min(estimate, arrivalMicros - ptsMicros);
  }

  boolean observed() {
    return firstArrival != Long.MIN_VALUE;
  }

  /** Microseconds of wall time since the first observation. */
  long observedForMicros(long nowMicros) {
    return observed() ? nowMicros - firstArrival : 0;
  }

  /**
   * Fixes the offset: the input's own capture time of pts 0 when it has one ({@code
   * realtimeMicros}, or {@link Long#MIN_VALUE}), else the arrival estimate.
   */
  void freeze(long realtimeMicros) {
    if (frozen) {
      return;
    }
    if (!observed()) {
      throw new IllegalStateException("No packet observed");
    }
    frozen = true;
    fromInput = realtimeMicros != Long.MIN_VALUE;
    offset = fromInput ? realtimeMicros : estimate;
  }

  /**
   * The input's capture time became available after the offset was fixed: use it from now on.
   * Returns the change in microseconds.
   */
  long switchToInput(long realtimeMicros) {
    long change = realtimeMicros - offset;
    offset = realtimeMicros;
    fromInput = true;
    return change;
  }

  /**
   * Moves the fixed offset by {@code deltaMicros} (negative: earlier), when packets were seen
   * arriving before the capture time the offset gave them, which is impossible.
   */
  void correct(long deltaMicros) {
    offset += deltaMicros;
  }

  boolean frozen() {
    return frozen;
  }

  boolean fromInput() {
    return fromInput;
  }

  /** The arrival estimate (for diagnostics), or MAX_VALUE when nothing was observed. */
  long estimateMicros() {
    return estimate;
  }

  long wallMicros(long ptsMicros) {
    if (!frozen) {
      throw new IllegalStateException("Anchor not fixed yet");
    }
    return offset + ptsMicros;
  }
}
