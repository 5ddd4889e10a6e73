package io.clipstream.render;

/**
 * One clip of a batch while its sources are being decoded: its writer and how many ranges are still
 * to come.
 */
final class DecodeJob {

  final int index;
  final ClipWriter writer;
  int remaining;
  long startNanos;

  /** Time in the decoder for the frames this clip used (see {@link StageTimes}). */
  long decodeNanos;

  /** Time drawing and encoding this clip's frames. */
  long encodeNanos;

  /** Volatile: the decode-ahead thread reads {@link #done()} to stop decoding for failed clips. */
  volatile ClipOutcome outcome;

  DecodeJob(int index, ClipWriter writer) {
    this.index = index;
    this.writer = writer;
    this.remaining = writer.plan().sources().size();
  }

  boolean done() {
    return outcome != null;
  }

  /** Every range has been read: complete the files (or record why not) and free the encoder. */
  void finish() {
    try {
      long decoded = writer.sourceStats().stream().mapToLong(s -> s.decodedInRange).sum();
      outcome =
          ClipOutcome.success(
              writer.request(),
              ClipFinisher.finish(writer, startNanos, decoded, decodeNanos, encodeNanos));
    } catch (RuntimeException e) {
      outcome = ClipOutcome.failed(writer.request(), Failures.classify(writer.request(), e));
    } finally {
      writer.close();
    }
  }

  void fail(RuntimeException e) {
    if (outcome == null) {
      outcome = ClipOutcome.failed(writer.request(), Failures.classify(writer.request(), e));
      writer.close();
    }
  }

  /** A range of one source for this clip. */
  record Range(DecodeJob job, PlannedSource source) {
    long from() {
      return source.source().fromMicros();
    }

    long to() {
      return source.source().toMicros();
    }

    String key() {
      return source.source().uri() + '@' + source.decodeWidth() + 'x' + source.decodeHeight();
    }
  }
}
