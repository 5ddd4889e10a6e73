package io.clipstream.ingest.frigate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/** The connect options of the bridge (session, credentials, TLS) and why a connection failed. */
final class MqttConnection {

  private MqttConnection() {}

  static MqttConnectOptions options(MqttSettings settings) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false); // the broker queues QoS 1 messages while we are away
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(30_000);
    options.setConnectionTimeout(10);
    options.setKeepAliveInterval(30);
    settings.username().ifPresent(options::setUserName);
    settings.password().ifPresent(p -> options.setPassword(p.toCharArray()));
    settings.caFile().ifPresent(ca -> options.setSocketFactory(trusting(ca).getSocketFactory()));
    return options;
  }

  /** A TLS context that trusts exactly the certificates of a PEM file. */
  static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(
            caFile + " holds no certificate; set ingest.mqtt.ca.file to the broker's CA (PEM)");
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot read the CA certificate(s) of ingest.mqtt.ca.file "
              + caFile
              + " ("
              + e.getMessage()
              + "); give a PEM file of the CA that signed the broker's certificate",
          e);
    }
  }

  /** A message that says what went wrong connecting and which key to fix. */
  static String explain(MqttSettings settings, MqttException e) {
    String broker = "The MQTT broker " + settings.url();
    return switch (e.getReasonCode()) {
      case MqttException.REASON_CODE_FAILED_AUTHENTICATION,
          MqttException.REASON_CODE_NOT_AUTHORIZED ->
          settings.username().isEmpty()
              ? broker
                  + " refused an anonymous connection ("
                  + e.getMessage()
                  + "); set ingest.mqtt.username and ingest.mqtt.password to an account of the broker"
              : broker
                  + " refused user '"
                  + settings.username().get()
                  + "' ("
                  + e.getMessage()
                  + "); check ingest.mqtt.username and ingest.mqtt.password, and that the account"
                  + " may subscribe to "
                  + settings.topic();
      case MqttException.REASON_CODE_INVALID_CLIENT_ID ->
          broker
              + " refused the client id '"
              + settings.clientId()
              + "'; set ingest.mqtt.client.id to another (stable, unique) id";
      default ->
          hasCause(e, SSLHandshakeException.class)
              ? broker
                  + " presented a certificate that is not trusted or does not match its host name ("
                  + rootMessage(e)
                  + "); set ingest.mqtt.ca.file to the PEM of the CA that signed it"
              : "Cannot connect to "
                  + broker.substring(4)
                  + " ("
                  + e.getMessage()
                  + (e.getCause() == null ? "" : ": " + rootMessage(e))
                  + "); check ingest.mqtt.url and that the broker is up";
    };
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
