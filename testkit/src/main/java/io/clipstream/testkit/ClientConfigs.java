package io.clipstream.testkit;

import java.util.HashMap;
import java.util.Map;

/** Client settings the test kit's brokers hand out, on top of how to reach the broker. */
final class ClientConfigs {

  private ClientConfigs() {}

  /** {@code base} with {@code acks=all} and idempotence on, as Clipstream's producers run. */
  static Map<String, Object> producer(Map<String, Object> base) {
    Map<String, Object> config = new HashMap<>(base);
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    return config;
  }

  /**
   * {@code base} for a consumer in {@code groupId}: from the earliest offset, only committed
   * transactional records ({@code read_committed}), no auto-commit.
   */
  static Map<String, Object> consumer(Map<String, Object> base, String groupId) {
    Map<String, Object> config = new HashMap<>(base);
    config.put("group.id", groupId);
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.put("enable.auto.commit", false);
    return config;
  }
}
