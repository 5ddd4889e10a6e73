package io.clipstream.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The recorder's settings ({@code record.*} keys).
 *
 * @param cameras the inputs to record
 * @param segmentLength target segment length (cut at the next keyframe)
 * @param storageUri where segments are stored
 * @param retention age after which segments are deleted
 * @param readTimeout silence after which an input counts as dropped
 * @param initialBackoff first wait before reconnecting
 * @param maxBackoff longest wait before reconnecting
 * @param workDir scratch directory for segments being written
 */
public record RecorderSection(
    List<CameraInput> cameras,
    Duration segmentLength,
    URI storageUri,
    Duration retention,
    Duration readTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Path workDir) {

  public RecorderSection {
    cameras = List.copyOf(cameras);
  }
}
