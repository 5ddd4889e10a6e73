package io.clipstream.ingest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Debian's mosquitto broker as a child process on a free port of 127.0.0.1, for the ITs. */
final class Mosquitto implements AutoCloseable {

  private final Process process;
  final int port;

  private Mosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Mosquitto start(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Process p =
        new ProcessBuilder(binary(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return new Mosquitto(p, port);
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
    return "tcp://127.0.0.1:" + port;
  }

  /** Publishes one message with QoS 1, as Frigate does, from a short-lived client. */
  void publish(String topic, byte[] payload) throws MqttException {
    MqttClient client =
        new MqttClient(url(), "frigate-" + System.nanoTime(), new MemoryPersistence());
    client.connect();
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
