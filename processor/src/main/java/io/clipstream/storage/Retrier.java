package io.clipstream.storage;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one storage call, retrying transient failures with exponential backoff: attempt {@code n}
 * waits {@code initialBackoff * 2^(n-1)}, capped at {@code maxBackoff}, with up to 20% jitter so
 * instances restarted together do not retry in step. Permanent failures are thrown at once.
 */
final class Retrier {

  /** One attempt of a storage call. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws Exception;
  }

  /** Waits between attempts (replaced in tests). */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;

  Retrier(StorageSettings settings) {
    this(
        settings.maxAttempts(),
        settings.initialBackoff(),
        settings.maxBackoff(),
        d -> Thread.sleep(d.toMillis()));
  }

  Retrier(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.sleeper = sleeper;
  }

  /**
   * Runs {@code attempt} until it succeeds, {@code classify} calls its failure permanent, or the
   * attempts are used up; the last classified failure is thrown, saying how many attempts were
   * made.
   */
  <T> T call(String what, Attempt<T> attempt, Function<Exception, StorageException> classify) {
    for (int n = 1; ; n++) {
      StorageException failure;
      try {
        return attempt.run();
      } catch (StorageException e) {
        failure = e;
      } catch (Exception e) {
        failure = classify.apply(e);
      }
      if (!failure.retryable()) {
        throw failure;
      }
      if (n >= maxAttempts) {
        throw new StorageException(
            "Gave up after " + n + " attempts: " + failure.detail(), true, failure.getCause());
      }
      Duration wait = backoff(n);
      LOG.warn(
          "{} failed (attempt {} of {}), retrying in {} ms: {}",
          what,
          n,
          maxAttempts,
          wait.toMillis(),
          failure.detail());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException(what + " interrupted while waiting to retry", true, failure);
      }
    }
  }

  Duration backoff(int failedAttempts) {
    long base = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
    long capped = Math.min(base, maxBackoff.toMillis());
    long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(capped - jitter);
  }
}
