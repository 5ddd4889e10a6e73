package io.clipstream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private final List<Duration> sleeps = new ArrayList<>();
  private final Retrier retrier = new Retrier(4, Duration.ofMillis(10), Duration.ofMillis(30));
  private final AtomicInteger attempts = new AtomicInteger();

  RetrierTest() {
    retrier.events().onRetry(event -> sleeps.add(event.getWaitInterval()));
  }

  private static StorageException transientFailure(Exception e) {
    return new StorageException("PUT x failed: " + e.getMessage(), true, e);
  }

  @Test
  void shouldRetryTransientFailuresWithGrowingCappedBackoffUntilSuccess() {
    String result =
        retrier.call(
            "PUT x",
            () -> {
              if (attempts.incrementAndGet() < 4) {
                throw new IOException("connection refused");
              }
              return "ok";
            },
            RetrierTest::transientFailure);

    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(4);
    assertThat(sleeps).hasSize(3);
    // 10 ms, 20 ms, 40 ms, each give or take 20 %, capped at 30 ms.
    assertThat(sleeps.get(0).toMillis()).isBetween(8L, 12L);
    assertThat(sleeps.get(1).toMillis()).isBetween(16L, 24L);
    assertThat(sleeps.get(2).toMillis()).isEqualTo(30L);
  }

  @Test
  void shouldFailFastOnPermanentFailures() {
    assertThatThrownBy(
            () ->
                retrier.call(
                    "PUT x",
                    () -> {
                      attempts.incrementAndGet();
                      throw new IOException("403");
                    },
                    e -> new StorageException("PUT x failed: bad credentials", false, e)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("bad credentials")
        .hasMessageEndingWith("[not retryable]");
    assertThat(attempts).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldSayHowManyAttemptsWereMadeWhenGivingUp() {
    assertThatThrownBy(
            () ->
                retrier.call(
                    "PUT x",
                    () -> {
                      attempts.incrementAndGet();
                      throw new IOException("connection refused");
                    },
                    RetrierTest::transientFailure))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessage("Gave up after 4 attempts: PUT x failed: connection refused [retryable]");
    assertThat(attempts).hasValue(4);
    assertThat(sleeps).hasSize(3);
  }
}
