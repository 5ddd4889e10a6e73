package io.clipstream.ingest.frigate;

import java.nio.file.Path;
import javax.net.SocketFactory;

/** The bridge's trust of a PEM CA file, for test publishers of a TLS broker. */
public final class MqttTestTls {

  private MqttTestTls() {}

  public static SocketFactory trusting(Path caFile) {
    return MqttConnection.trusting(caFile).getSocketFactory();
  }
}
