package io.clipstream.serde;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * A bounded cache of registry answers, on Caffeine. Registry answers are immutable (an id never
 * changes its schema), so entries never expire; the bound only protects against a producer that
 * invents schemas without end.
 */
final class BoundedCache<K, V> {

  private final Cache<K, V> entries;

  BoundedCache(int capacity) {
    // Eviction runs on the calling thread: no background work in a serde.
    this.entries = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
  }

  V get(K key) {
    return entries.getIfPresent(key);
  }

  void put(K key, V value) {
    entries.put(key, value);
  }

  /**
   * Returns the cached value or computes and caches it. The computation runs outside Caffeine's
   * atomic {@code get(key, mapping)}, because it may be a registry call that retries for minutes
   * while the registry is down, and an atomic computation would block other keys of the same hash
   * bin meanwhile; two threads may compute the same key at once, which is harmless because registry
   * answers are idempotent.
   */
  V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
    V cached = entries.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    V computed = compute.apply(key);
    if (computed != null) {
      entries.put(key, computed);
    }
    return computed;
  }
}
