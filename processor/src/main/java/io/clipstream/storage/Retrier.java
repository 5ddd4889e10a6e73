package io.clipstream.storage;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one storage call (or the recorder's store-and-announce of a segment), retrying transient
 * failures with exponential backoff (resilience4j): attempt {@code n} waits {@code initialBackoff *
 * 2^(n-1)}, capped at {@code maxBackoff}, give or take 20% so that instances restarted together do
 * not retry in step. Permanent failures are thrown at once.
 */
public final class Retrier {

  /** One attempt of a storage call. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
  private static final double JITTER = 0.2;

  private final int maxAttempts;
  private final Retry retry;

  public Retrier(StorageSettings settings) {
    this(settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff());
  }

  Retrier(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this.maxAttempts = maxAttempts;
    this.retry =
        Retry.of(
            "storage",
            RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(
                        initialBackoff, 2.0, JITTER, maxBackoff))
                // Attempts throw only classified failures (see call): retry those that may pass.
                .retryOnException(e -> e instanceof StorageException s && s.retryable())
                .build());
    retry
        .getEventPublisher()
        .onRetry(
            event ->
                LOG.warn(
                    "Storage call failed (attempt {} of {}), retrying in {} ms: {}",
                    event.getNumberOfRetryAttempts(),
                    maxAttempts,
                    event.getWaitInterval().toMillis(),
                    event.getLastThrowable().getMessage()));
  }

  /** The policy's events (each retry with its wait), for meters and tests. */
  Retry.EventPublisher events() {
    return retry.getEventPublisher();
  }

  /**
   * Runs {@code attempt} until it succeeds, {@code classify} calls its failure permanent, or the
   * attempts are used up; the last classified failure is thrown, saying how many attempts were
   * made.
   */
  public <T> T call(
      String what, Attempt<T> attempt, Function<Exception, StorageException> classify) {
    try {
      return retry.executeCallable(
          () -> {
            try {
              return attempt.run();
            } catch (StorageException e) {
              throw e;
            } catch (Exception e) {
              throw classify.apply(e);
            }
          });
    } catch (StorageException e) {
      if (!e.retryable()) {
        throw e;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new StorageException(what + " interrupted while waiting to retry", true, e);
      }
      throw new StorageException(
          "Gave up after " + maxAttempts + " attempts: " + e.detail(), true, e.getCause());
    } catch (Exception e) {
      // executeCallable declares Exception; every attempt's failure is a StorageException.
      throw classify.apply(e);
    }
  }
}
