package io.clipstream.ingest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Debian's mosquitto broker as a child process on a free port of 127.0.0.1, for the ITs. */
final class Mosquitto implements AutoCloseable {

  private final Process process;
  final int port;
  private final Account account;

  private Mosquitto(Process process, int port, Account account) {
    this.process = process;
    this.port = port;
    this.account = account;
  }

  /**
   * The one account of a secured broker, and its TLS certificate.
   *
   * @param certificate the broker's self-signed certificate (PEM), for 127.0.0.1: its own CA
   */
  record Account(String username, String password, Path certificate) {}

  /** An anonymous broker on plain TCP. */
  static Mosquitto start(Path dir) throws IOException, InterruptedException {
    return start(dir, "allow_anonymous true\n", null);
  }

  /**
   * A broker on TLS with a self-signed certificate made by openssl, refusing anonymous clients and
   * accepting one account from a mosquitto_passwd file.
   */
  static Mosquitto startSecured(Path dir, String username, String password)
      throws IOException, InterruptedException {
    Path passwords = dir.resolve("mosquitto.passwd");
    run(dir, "mosquitto_passwd", "-b", "-c", passwords.toString(), username, password);
    Path key = dir.resolve("broker.key");
    Path cert = dir.resolve("broker.pem");
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString());
    // mosquitto started as root drops to its own user before loading the key: a throwaway test key
    // may be readable by all.
    Files.setPosixFilePermissions(
        key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    String conf =
        "allow_anonymous false\npassword_file "
            + passwords
            + "\ncertfile "
            + cert
            + "\nkeyfile "
            + key
            + "\n";
    return start(dir, conf, new Account(username, password, cert));
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = dir.resolve(command[0] + ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command[0] + " failed: " + Files.readString(log));
    }
  }

  private static Mosquitto start(Path dir, String security, Account account)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, "listener " + port + " 127.0.0.1\n" + security + "persistence false\n");
    Process p =
        new ProcessBuilder(binary(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return new Mosquitto(p, port, account);
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          break;
        }
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "mosquitto did not start (log: "
            + dir.resolve("mosquitto.log")
            + "); apt-get install mosquitto");
  }

  private static String binary() {
    for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "mosquitto";
  }

  String url() {
    return (account == null ? "tcp" : "ssl") + "://127.0.0.1:" + port;
  }

  /** Publishes one message with QoS 1, as Frigate does, from a short-lived client. */
  void publish(String topic, byte[] payload) throws MqttException {
    MqttClient client =
        new MqttClient(url(), "frigate-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    if (account != null) {
      options.setUserName(account.username());
      options.setPassword(account.password().toCharArray());
      options.setSocketFactory(
          io.clipstream.ingest.frigate.MqttTestTls.trusting(account.certificate()));
    }
    client.connect(options);
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    client.publish(topic, message);
    client.disconnect();
    client.close();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
