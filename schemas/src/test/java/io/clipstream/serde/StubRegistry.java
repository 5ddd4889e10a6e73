package io.clipstream.serde;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted HTTP server on 127.0.0.1 standing in for a registry: it records every request and
 * answers with what the test's function returns. Unit tests of the REST client use it to see
 * exactly what goes over the wire.
 */
final class StubRegistry implements AutoCloseable {

  /** One request as received: the raw (still percent-encoded) path and query. */
  record Request(
      String method, String rawPath, String contentType, String authorization, String body) {}

  /** What to answer. */
  record Answer(int status, String body) {
    static Answer ok(String json) {
      return new Answer(200, json);
    }

    static Answer error(int status, int errorCode, String message) {
      return new Answer(
          status, "{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}");
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Answer> script;

  StubRegistry(Function<Request, Answer> script) throws IOException {
    this.script = script;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, optionally with a path such as {@code /apis/ccompat/v7}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  void answer(Function<Request, Answer> script) {
    this.script = script;
  }

  /** A URL where nothing listens, so connecting fails at once. */
  static String deadUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body);
    requests.add(request);
    Answer answer = script.apply(request);
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
