package io.clipstream.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness, readiness and Prometheus metrics over HTTP ({@link HttpPaths}). The JDK's own server is
 * enough for three GET endpoints scraped every few seconds, and adds no dependency.
 */
public final class HealthServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

  /** What the endpoints report, read on each request. */
  public interface Health {

    /** False once a role has stopped for good: the process should be restarted. */
    boolean alive();

    /** True once every role is RUNNING (stores restored, tasks assigned). */
    boolean ready();

    /** Each role's state, for the response body. */
    Map<String, String> states();
  }

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** Listens on all interfaces at {@code port} (0: any free port, see {@link #port()}). */
  public static HealthServer start(int port, Health health, PrometheusMeterRegistry metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot listen on port "
              + port
              + " for health and metrics ("
              + e.getMessage()
              + "); set http.port to a free port, or 0 to disable the endpoint",
          e);
    }
    server.createContext(
        HttpPaths.LIVE, ex -> respond(ex, health.alive() ? 200 : 503, () -> body(health)));
    server.createContext(
        HttpPaths.READY, ex -> respond(ex, health.ready() ? 200 : 503, () -> body(health)));
    server.createContext(
        HttpPaths.METRICS,
        ex -> respond(ex, 200, metrics::scrape, "text/plain; version=0.0.4; charset=utf-8"));
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "clipstream-http");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    LOG.info(
        "Health and metrics on port {}: {} {} {}",
        server.getAddress().getPort(),
        HttpPaths.LIVE,
        HttpPaths.READY,
        HttpPaths.METRICS);
    return new HealthServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static String body(Health health) {
    StringBuilder json = new StringBuilder("{");
    health
        .states()
        .forEach(
            (role, state) -> {
              if (json.length() > 1) {
                json.append(',');
              }
              json.append('"').append(role).append("\":\"").append(state).append('"');
            });
    return json.append("}\n").toString();
  }

  private static void respond(HttpExchange ex, int status, Supplier<String> body)
      throws IOException {
    respond(ex, status, body, "application/json");
  }

  private static void respond(
      HttpExchange ex, int status, Supplier<String> body, String contentType) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", contentType);
      if ("HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
