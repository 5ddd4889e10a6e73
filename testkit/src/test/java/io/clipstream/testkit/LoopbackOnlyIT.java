package io.clipstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The components must not be reachable from the network: CI machines are shared and sometimes
 * public.
 */
@WithRealComponents
class LoopbackOnlyIT {

  @Test
  void shouldNotAcceptConnectionsOnANonLoopbackAddress(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws SocketException {
    Optional<InetAddress> external =
        NetworkInterface.networkInterfaces()
            .filter(nic -> isUp(nic) && !isLoopback(nic))
            .flatMap(NetworkInterface::inetAddresses)
            .filter(address -> address instanceof Inet4Address)
            .findFirst();
    assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to probe");

    int kafkaPort =
        Integer.parseInt(
            kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
    for (int port :
        new int[] {
          kafkaPort, registry.port(), registry.managementPort(), s3.endpoint().getPort()
        }) {
      assertThat(connects(Ports.LOOPBACK, port)).as("127.0.0.1:%d is served", port).isTrue();
      assertThat(connects(external.get(), port))
          .as("%s:%d must refuse connections", external.get().getHostAddress(), port)
          .isFalse();
    }
  }

  private static boolean connects(InetAddress address, int port) {
    try {
      connect(address, port);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
    }
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp();
    } catch (SocketException e) {
      return false;
    }
  }

  private static boolean isLoopback(NetworkInterface nic) {
    try {
      return nic.isLoopback();
    } catch (SocketException e) {
      return true;
    }
  }
}
