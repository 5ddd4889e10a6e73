package io.clipstream.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The JSON fixtures under {@code src/test/resources/ingest} (sources in its README). */
public final class Fixtures {

  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/ingest/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
