package io.clipstream.serde;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code Authorization} header sent to the registry, kept apart from everything printable:
 * {@link #toString()} describes the credentials without revealing them, so they cannot leak into
 * logs or exception messages.
 */
final class RegistryCredentials {

  static final RegistryCredentials NONE = new RegistryCredentials(null, "no credentials");

  private final String authorization;
  private final String description;

  private RegistryCredentials(String authorization, String description) {
    this.authorization = authorization;
    this.description = description;
  }

  /** HTTP basic auth; {@code userInfo} is {@code user:password} (the password may contain ':'). */
  static RegistryCredentials basic(String userInfo, String origin) {
    int colon = userInfo.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "basic auth user info from "
              + origin
              + " must be user:password (got a value without ':' or without a user name)");
    }
    String encoded = Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    return new RegistryCredentials(
        "Basic " + encoded,
        "basic auth as user '" + userInfo.substring(0, colon) + "' from " + origin);
  }

  /** A static bearer token (for example an OAuth access token issued out of band). */
  static RegistryCredentials bearer(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("bearer token is empty");
    }
    return new RegistryCredentials("Bearer " + token.trim(), "a static bearer token");
  }

  /** The value of the {@code Authorization} header, if any. */
  Optional<String> authorizationHeader() {
    return Optional.ofNullable(authorization);
  }

  @Override
  public String toString() {
    return description;
  }
}
