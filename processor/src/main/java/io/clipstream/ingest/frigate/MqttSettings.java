package io.clipstream.ingest.frigate;

import io.clipstream.ingest.mapping.BoxScales;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Frigate's MQTT broker and where its events go.
 *
 * @param url tcp://host:port or ssl://host:port
 * @param topic Frigate's events topic
 * @param clientId stable client id of the persistent session
 * @param scales detect-stream-to-recording pixel factors per camera
 * @param eventsTopic the contract topic of events
 * @param detectionsTopic the contract topic of detection frames
 * @param username the broker account, when it wants one
 * @param password its password (a secret: {@link #toString} hides it)
 * @param caFile PEM file of the CA certificate(s) an ssl:// broker's certificate is checked
 *     against; empty for the JVM's default trust store
 */
public record MqttSettings(
    String url,
    String topic,
    String clientId,
    BoxScales scales,
    String eventsTopic,
    String detectionsTopic,
    Optional<String> username,
    Optional<String> password,
    Optional<Path> caFile) {

  /** Like the record's, but never prints the password. */
  @Override
  public String toString() {
    return "MqttSettings[url="
        + url
        + ", topic="
        + topic
        + ", clientId="
        + clientId
        + ", username="
        + username.orElse("(none)")
        + ", password="
        + password.map(p -> "****").orElse("(none)")
        + ", caFile="
        + caFile.map(Path::toString).orElse("(JVM default)")
        + "]";
  }
}
