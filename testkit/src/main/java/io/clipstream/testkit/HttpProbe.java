package io.clipstream.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntPredicate;

/** Polls an HTTP endpoint of a starting child process until it answers as expected. */
final class HttpProbe {

  /** How a readiness wait ended. */
  enum Outcome {
    READY,
    TIMED_OUT,
    PROCESS_EXITED
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private HttpProbe() {}

  /**
   * Polls {@code uri} with GET every 100 ms until {@code ready} accepts the status code, the child
   * exits, or {@code timeout} passes. Connection errors just mean "not listening yet".
   */
  static Outcome await(URI uri, IntPredicate ready, Duration timeout, ChildProcess child) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        return Outcome.PROCESS_EXITED;
      }
      try {
        int status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (ready.test(status)) {
          return Outcome.READY;
        }
      } catch (IOException notListeningYet) {
        // expected while the server boots
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ComponentStartupException("Interrupted while waiting for " + uri, e);
      }
      Ports.sleep(Duration.ofMillis(100));
    }
    return child.isAlive() ? Outcome.TIMED_OUT : Outcome.PROCESS_EXITED;
  }

  /**
   * Sends {@code request} and returns the response, wrapping I/O failures with {@code what} for
   * context.
   */
  static HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ComponentStartupException(what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComponentStartupException(what + " was interrupted", e);
    }
  }
}
