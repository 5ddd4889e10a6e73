package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void shouldKeepNoMoreEntriesThanItsCapacity() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(10);

    IntStream.range(0, 1_000).forEach(i -> cache.put(i, "schema " + i));

    long kept = IntStream.range(0, 1_000).filter(i -> cache.get(i) != null).count();
    assertThat(kept).isPositive().isLessThanOrEqualTo(10);
  }

  @Test
  void shouldComputeAnAbsentValueOnceAndServeItFromTheCacheAfterwards() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(10);
    AtomicInteger calls = new AtomicInteger();

    String first = cache.computeIfAbsent(7, id -> "schema " + id + " #" + calls.incrementAndGet());
    String second = cache.computeIfAbsent(7, id -> "schema " + id + " #" + calls.incrementAndGet());

    assertThat(first).isEqualTo("schema 7 #1");
    assertThat(second).isEqualTo(first);
    assertThat(calls).hasValue(1);
  }

  @Test
  void shouldNotCacheAComputationThatFoundNothing() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(10);

    assertThat(cache.computeIfAbsent(1, id -> null)).isNull();
    assertThat(cache.computeIfAbsent(1, id -> "found later")).isEqualTo("found later");
  }
}
