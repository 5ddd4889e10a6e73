package io.clipstream.http;

/**
 * The service's HTTP paths, in one place: the container health check, the Kubernetes probes and the
 * Prometheus scrape configuration refer to them, and a test checks that they agree.
 */
public final class HttpPaths {

  /** 200 while the process is alive and its Kafka Streams clients have not failed. */
  public static final String LIVE = "/health/live";

  /** 200 once every role's Kafka Streams client is RUNNING (stores restored); 503 before. */
  public static final String READY = "/health/ready";

  /** Prometheus text format: Kafka Streams client metrics and Clipstream's own. */
  public static final String METRICS = "/metrics";

  private HttpPaths() {}
}
