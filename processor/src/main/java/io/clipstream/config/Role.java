package io.clipstream.config;

import java.util.Locale;

/** What one process runs; a deployment may run both (the default) or one per deployment. */
public enum Role {
  /** The planner topology: events, detections and segments in, render commands out. */
  PLANNER,
  /** The renderer service: render commands in, clips in storage and clip-ready records out. */
  RENDERER,
  /** The live recorder: camera streams in, segments in storage and segment records out. */
  RECORDER,
  /** The adapters: JSON topics, Frigate MQTT and NVR folders in, contract records out. */
  INGEST;

  /** The name used in the {@code roles} key. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Role parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
