package io.clipstream.config;

import io.clipstream.render.DecodeMode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The renderer's settings with derived defaults resolved ({@code render.*} keys).
 *
 * @param workers render threads
 * @param maxConcurrentEncoders renders that may encode at once
 * @param decoderCacheSize open decoders kept for reuse; 0 disables the cache
 * @param decodeMode where a render's decoder runs ({@code auto} resolved for this machine)
 * @param workDir scratch directory for clips before upload
 * @param encoder encoder name as configured, lower case ({@code libx264}, {@code auto}, ...)
 * @param crf constant rate factor 0-51
 * @param preset x264 preset name
 * @param hold default time a detection stays drawn
 * @param retryTimeout how long failures that may pass are retried
 * @param completedRetention how long answered clip ids are remembered
 * @param stopDrain how long a graceful stop lets renders in flight finish and be announced
 */
public record RenderSection(
    int workers,
    int maxConcurrentEncoders,
    int decoderCacheSize,
    DecodeMode decodeMode,
    Path workDir,
    String encoder,
    int crf,
    String preset,
    Duration hold,
    Duration retryTimeout,
    Duration completedRetention,
    Duration stopDrain) {}
