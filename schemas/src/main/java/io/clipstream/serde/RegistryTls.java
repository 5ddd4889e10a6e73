package io.clipstream.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds the TLS context for https registry URLs. Without {@code
 * schema.registry.ssl.truststore.location} the JVM default applies (so {@code
 * -Djavax.net.ssl.trustStore=...} works without any setting here).
 */
final class RegistryTls {

  private RegistryTls() {}

  /** The context for the configured trust store, or null to use the JVM default. */
  static SSLContext sslContext(AvroSerdeConfig config) {
    String location = config.trustStoreLocation();
    if (location == null || location.isBlank()) {
      return null;
    }
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      KeyStore trustStore = KeyStore.getInstance(config.trustStoreType());
      trustStore.load(in, config.trustStorePassword());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
          location,
          "cannot load the "
              + config.trustStoreType()
              + " trust store ("
              + e.getMessage()
              + "); check the path, "
              + AvroSerdeConfig.SSL_TRUSTSTORE_TYPE
              + " and "
              + AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD);
    }
  }
}
