/**
 * The performance suite ({@code clipstream benchmark}): each {@link io.clipstream.bench.Benchmark}
 * measures Clipstream side by side with a reference (the ffmpeg CLI, naive rendering, real time) in
 * the same run on the same inputs, and reports medians and ratios.
 */
package io.clipstream.bench;
