package io.clipstream.bench;

import java.util.List;

/** One group of rows of the performance suite. */
public interface Benchmark {

  /** A short name for the console ("single clip", "kafka latency"). */
  String name();

  /** Measures and returns its rows; inputs go under {@link BenchContext#work()}. */
  List<BenchRow> run(BenchContext context) throws Exception;

  /** False for a benchmark that runs only when named in {@code --only} (a long one). */
  default boolean inDefaultRun() {
    return true;
  }

  /** A Markdown section for the report after the table, from the last run; empty for none. */
  default String report() {
    return "";
  }
}
