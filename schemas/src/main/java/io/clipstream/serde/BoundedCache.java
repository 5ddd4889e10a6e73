package io.clipstream.serde;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe least-recently-used map. Registry answers are immutable (an id never changes
 * its schema), so entries never expire; the bound only protects against a producer that invents
 * schemas without end.
 */
final class BoundedCache<K, V> {

  private final Map<K, V> entries;

  BoundedCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized V get(K key) {
    return entries.get(key);
  }

  synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  /**
   * Returns the cached value or computes and caches it. The computation runs outside the lock so a
   * slow registry call does not block lookups of other keys; two threads may compute the same key
   * at once, which is harmless because registry answers are idempotent.
   */
  V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
    V cached = get(key);
    if (cached != null) {
      return cached;
    }
    V computed = compute.apply(key);
    if (computed != null) {
      put(key, computed);
    }
    return computed;
  }

  synchronized int size() {
    return entries.size();
  }
}
