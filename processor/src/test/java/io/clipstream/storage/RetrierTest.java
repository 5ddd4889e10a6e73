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
  private final Retrier retrier =
      new Retrier(4, Duration.ofMillis(100), Duration.ofMillis(300), sleeps::add);
  private final AtomicInteger attempts = new AtomicInteger();

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
    assertThat(sleeps.get(0).toMillis()).isBetween(80L, 100L);
    assertThat(sleeps.get(1).toMillis()).isBetween(160L, 200L);
    assertThat(sleeps.get(2).toMillis()).isBetween(240L, 300L); // capped
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
  }
}
