package io.clipstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on 127.0.0.1, the only interface the components listen on. */
final class Ports {

  /**
   * The loopback address, spelled out: {@code InetAddress.getLoopbackAddress()} may be ::1 on
   * IPv6-first JVMs.
   */
  static final InetAddress LOOPBACK = loopback();

  static final String HOST = "127.0.0.1";

  // The kernel may hand out a port again as soon as our probe socket is closed; remember what we
  // gave out so that
  // two components of this JVM never get the same one.
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private Ports() {}

  /** A port that is free right now and was not handed out before in this JVM. */
  static int freePort() {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(LOOPBACK, 0));
        int port = socket.getLocalPort();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot bind a probe socket on " + HOST, e);
      }
    }
    throw new IllegalStateException("No fresh free port on " + HOST + " after 20 attempts");
  }

  /** Whether nothing listens on {@code port} (we can bind it). */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@code port} can be bound again (a restart must reuse it), failing with an
   * actionable message.
   */
  static void awaitFree(int port, Duration timeout, String component) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isFree(port)) {
      if (System.nanoTime() > deadline) {
        throw new ComponentStartupException(
            component
                + " cannot restart: port "
                + HOST
                + ":"
                + port
                + " is still in use after "
                + timeout.toSeconds()
                + " s. Another process took it; "
                + "find it with `ss -ltnp | grep :"
                + port
                + "`.");
      }
      sleep(Duration.ofMillis(100));
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting", e);
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
