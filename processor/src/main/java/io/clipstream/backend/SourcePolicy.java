package io.clipstream.backend;

import java.util.Optional;

/** Which source URIs a render may read (configured roots, buckets and hosts). */
@FunctionalInterface
public interface SourcePolicy {

  /** Why {@code uri} may not be read, or empty when it may. */
  Optional<String> refusal(String uri);
}
