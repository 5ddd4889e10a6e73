package io.clipstream.bench;

import java.util.List;

/** One group of rows of the performance suite. */
public interface Benchmark {

  /** A short name for the console ("single clip", "kafka latency"). */
  String name();

  /** Measures and returns its rows; inputs go under {@link BenchContext#work()}. */
  List<BenchRow> run(BenchContext context) throws Exception;
}
