package io.clipstream.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a clip's manifest states besides the hash: how it was made, from what, for which event.
 *
 * @param title the file name the clip is stored under
 * @param streamCopied true when the clip was cut without re-encoding (no boxes drawn)
 * @param sidecarSha256 hex SHA-256 of the side-car that describes the clip, when there is one
 */
public record ProvenanceFacts(
    String title,
    String clipId,
    String eventId,
    String cameraId,
    List<String> detectorModels,
    List<Source> sources,
    Optional<String> sidecarSha256,
    boolean streamCopied,
    Instant created,
    String softwareVersion) {

  public ProvenanceFacts {
    detectorModels = List.copyOf(detectorModels);
    sources = List.copyOf(sources);
  }

  /**
   * A recording the clip was cut from: its URI as given, the time range used, its hash if known.
   */
  public record Source(String uri, Instant from, Instant to, Optional<String> sha256) {}
}
