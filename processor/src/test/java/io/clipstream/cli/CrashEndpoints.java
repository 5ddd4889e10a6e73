package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.http.HttpPaths;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The health and metrics endpoints of a running service instance, as a probe and Prometheus see
 * them.
 */
final class CrashEndpoints {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private CrashEndpoints() {}

  /**
   * Liveness and readiness answer 200 with each role RUNNING, and /metrics carries Clipstream's
   * meters and the Kafka Streams client metrics in the Prometheus text format.
   */
  static void assertHealthyWithMetrics(CrashInstance instance)
      throws IOException, InterruptedException {
    HttpResponse<String> live = get(instance, HttpPaths.LIVE);
    assertThat(live.statusCode())
        .as("%s %s: %s", instance, HttpPaths.LIVE, live.body())
        .isEqualTo(200);

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> ready = get(instance, HttpPaths.READY);
    while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(500); // a rebalance may still be settling after the last kill
      ready = get(instance, HttpPaths.READY);
    }
    assertThat(ready.statusCode())
        .as("%s %s: %s", instance, HttpPaths.READY, ready.body())
        .isEqualTo(200);
    assertThat(ready.body()).contains("\"planner\":\"RUNNING\"", "\"renderer\":\"RUNNING\"");

    HttpResponse<String> metrics = get(instance, HttpPaths.METRICS);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains(
            "clipstream_render_backlog",
            "clipstream_render_inflight",
            "clipstream_clips_ready_total",
            "clipstream_render_duration_seconds",
            "clipstream_decoder_cache_misses_total",
            "kafka_stream_",
            "jvm_memory_used_bytes")
        .containsPattern("(?m)^clipstream_clips_ready_total(\\{[^}]*})? [1-9]");
  }

  private static HttpResponse<String> get(CrashInstance instance, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(instance.httpBase().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
