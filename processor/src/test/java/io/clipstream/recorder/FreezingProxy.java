package io.clipstream.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay that can go silent without closing anything: after {@link #freeze()} it stops
 * forwarding and answers new connections with nothing, like a hung camera or a network black hole.
 */
final class FreezingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int upstreamPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean frozen;

  FreezingProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "freezing-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  void freeze() {
    frozen = true;
  }

  int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        accepted.incrementAndGet();
        if (frozen) {
          continue; // silent: never a byte
        }
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        } catch (IOException e) {
          client.close(); // the server is not listening yet: refuse like it would
          continue;
        }
        sockets.add(upstream);
        Thread relay = new Thread(() -> relay(upstream, client), "freezing-proxy-relay");
        relay.setDaemon(true);
        relay.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void relay(Socket upstream, Socket client) {
    byte[] buffer = new byte[8192];
    try (InputStream in = upstream.getInputStream();
        OutputStream out = client.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (!frozen) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
