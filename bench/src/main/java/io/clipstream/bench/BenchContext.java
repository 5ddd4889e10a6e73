package io.clipstream.bench;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What every benchmark gets.
 *
 * @param work a scratch directory, deleted after the suite
 * @param footage a real video to derive inputs from (the sample footage)
 * @param runs paired runs per measurement (medians are reported)
 * @param quick a short profile (smaller inputs, fewer runs) for CI smoke runs
 * @param log progress lines for the console
 */
public record BenchContext(Path work, Path footage, int runs, boolean quick, PrintWriter log) {}
