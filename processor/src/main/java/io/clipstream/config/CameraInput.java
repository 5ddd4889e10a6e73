package io.clipstream.config;

import java.net.URI;
import java.util.Objects;

/**
 * One camera of {@code record.cameras}.
 *
 * @param id the camera id (key of its segment records)
 * @param url the live input; may hold credentials: never log it unmasked ({@link #toString})
 */
public record CameraInput(String id, URI url) {

  public CameraInput {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
  }

  /** The URL with any credentials hidden, for logs. */
  public String safeUrl() {
    return Secrets.mask(RecorderKeys.CAMERAS, url.toString());
  }

  @Override
  public String toString() {
    return id + "=" + safeUrl();
  }
}
