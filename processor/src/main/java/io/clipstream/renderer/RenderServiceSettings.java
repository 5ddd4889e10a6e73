package io.clipstream.renderer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the render service runs.
 *
 * @param topics the topics it reads and writes
 * @param workers render threads: batches rendered at once
 * @param maxConcurrentEncoders clips encoded at once across all workers (each libx264 encoder holds
 *     up to about 211 MiB of native memory at 1080p); also the largest batch
 * @param retryTimeout how long a clip whose failure may pass (an unreachable store) is retried,
 *     with backoff, before a failure is published
 * @param completedRetention how long answered clip ids are remembered, so that a replayed command
 *     is ignored rather than announced again
 */
public record RenderServiceSettings(
    RendererTopics topics,
    int workers,
    int maxConcurrentEncoders,
    Duration retryTimeout,
    Duration completedRetention,
    Duration stopDrain) {

  public RenderServiceSettings {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(retryTimeout, "retryTimeout");
    Objects.requireNonNull(completedRetention, "completedRetention");
    Objects.requireNonNull(stopDrain, "stopDrain");
    if (workers < 1 || maxConcurrentEncoders < 1) {
      throw new IllegalArgumentException(
          "Workers and concurrent encoders must be at least 1, got "
              + workers
              + " and "
              + maxConcurrentEncoders);
    }
    if (retryTimeout.isNegative() || completedRetention.isNegative() || stopDrain.isNegative()) {
      throw new IllegalArgumentException(
          "Retry timeout, retention and stop drain must not be negative");
    }
  }
}
