package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https registries: a private CA's certificate is trusted through the configured trust store, and
 * only then.
 */
class RegistryTlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;

  private static HttpsServer server;

  @BeforeAll
  static void startHttpsRegistry() throws Exception {
    // keytool ships with every JDK; it makes a self-signed certificate for 127.0.0.1 without extra
    // libraries.
    keytool(
        "-genkeypair",
        "-alias",
        "registry",
        "-keyalg",
        "EC",
        "-dname",
        "CN=registry",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        path("server.p12"));
    keytool(
        "-exportcert",
        "-alias",
        "registry",
        "-keystore",
        path("server.p12"),
        "-file",
        path("registry.crt"));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "registry",
        "-file",
        path("registry.crt"),
        "-storetype",
        "PKCS12",
        "-keystore",
        path("trust.p12"));

    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      keyStore.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "[\"cv.events-value\"]".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void shouldTrustTheRegistryThroughTheConfiguredTrustStore() {
    SchemaRegistryClient client =
        SchemaRegistryClients.create(
            Map.of(
                "schema.registry.url",
                url(),
                "schema.registry.ssl.truststore.location",
                path("trust.p12"),
                "schema.registry.ssl.truststore.password",
                "changeit"));
    assertThat(client.subjects()).containsExactly("cv.events-value");
  }

  @Test
  void shouldRefuseAnUntrustedCertificateWithTheTlsCause() {
    SchemaRegistryClient client =
        SchemaRegistryClients.create(Map.of("schema.registry.url", url()));
    assertThatThrownBy(client::subjects)
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining(url())
        .hasMessageContaining("SSLHandshakeException");
  }

  @Test
  void shouldExplainAnUnreadableTrustStore() {
    assertThatThrownBy(
            () ->
                SchemaRegistryClients.create(
                    Map.of(
                        "schema.registry.url",
                        url(),
                        "schema.registry.ssl.truststore.location",
                        path("missing.p12"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot load the PKCS12 trust store");
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", new String(PASSWORD)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("keytool " + String.join(" ", args) + ": " + output)
        .isZero();
  }
}
