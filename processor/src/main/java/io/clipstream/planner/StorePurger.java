package io.clipstream.planner;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Segment;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Enforces the retention of the time-indexed stores. Keys are ordered by camera then time, so each
 * camera's expired entries are one range at its front: the purge costs one seek per camera plus the
 * deleted entries, not a scan of everything kept.
 */
final class StorePurger {

  private StorePurger() {}

  /** Deletes detections with capture time before {@code cutoff} (detector clock). */
  static int purgeDetections(KeyValueStore<String, DetectionFrame> store, long cutoff) {
    return purge(store, cutoff);
  }

  /** Deletes segments that ended before {@code cutoff} (keys are by start; ends are checked). */
  static int purgeSegments(KeyValueStore<String, Segment> store, long cutoff) {
    int deleted = 0;
    for (String camera : cameras(store)) {
      List<String> expired = new ArrayList<>();
      try (KeyValueIterator<String, Segment> it =
          store.range(StoreKeys.from(camera, 0), StoreKeys.from(camera, cutoff))) {
        it.forEachRemaining(
            kv -> {
              if (kv.value.getEnd().toEpochMilli() < cutoff) {
                expired.add(kv.key);
              }
            });
      }
      expired.forEach(store::delete);
      deleted += expired.size();
    }
    return deleted;
  }

  private static <V> int purge(KeyValueStore<String, V> store, long cutoff) {
    int deleted = 0;
    for (String camera : cameras(store)) {
      List<String> expired = new ArrayList<>();
      try (KeyValueIterator<String, V> it =
          store.range(StoreKeys.from(camera, 0), StoreKeys.from(camera, cutoff))) {
        it.forEachRemaining(kv -> expired.add(kv.key));
      }
      expired.forEach(store::delete);
      deleted += expired.size();
    }
    return deleted;
  }

  /** The cameras present in {@code store}, one seek each. */
  static <V> List<String> cameras(KeyValueStore<String, V> store) {
    List<String> cameras = new ArrayList<>();
    String from = "";
    while (true) {
      try (KeyValueIterator<String, V> it = store.range(from, null)) {
        if (!it.hasNext()) {
          return cameras;
        }
        String camera = StoreKeys.camera(it.next().key);
        cameras.add(camera);
        from = StoreKeys.afterCamera(camera);
      }
    }
  }
}
