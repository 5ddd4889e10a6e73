package io.clipstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one registry request to the first URL that answers, failing over on connection errors,
 * timeouts and 5xx, and turns error answers into {@link SchemaRegistryException}s.
 *
 * <p>A 4xx is the registry's answer and is never retried elsewhere: another replica would say the
 * same. The index of the last URL that answered is remembered so a dead first URL costs one
 * timeout, not one per request.
 *
 * <p>When no URL answers, the whole round is retried with backoff for up to the configured
 * unavailable-retry time. A registry restart or a short outage must not fail a stream thread (the
 * service would stop) nor be mistaken for a bad record (it would be dead-lettered): waiting is the
 * only answer that loses nothing, and Kafka Streams redoes any transaction that times out
 * meanwhile.
 */
final class RegistryHttp {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
  static final ObjectMapper JSON = new ObjectMapper();

  /** Rounds with no registry answering wait 0.5 s, 1 s, 2 s ... up to 10 s (resilience4j). */
  private static final IntervalFunction BACKOFF =
      IntervalFunction.ofExponentialBackoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(10));

  private final List<String> urls;
  private final RegistryCredentials credentials;
  private final HttpClient http;
  private final Duration readTimeout;
  private final Duration unavailableRetry;
  private final AtomicInteger preferred = new AtomicInteger();

  RegistryHttp(
      List<String> urls,
      RegistryCredentials credentials,
      Duration connectTimeout,
      Duration readTimeout,
      Duration unavailableRetry,
      SSLContext sslContext) {
    this.urls = List.copyOf(urls);
    this.credentials = credentials;
    this.readTimeout = readTimeout;
    this.unavailableRetry = unavailableRetry;
    // HTTP/1.1: plain-http h2c upgrade attempts confuse some proxies and registries for no gain.
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            // Never follow redirects: the Authorization header must not travel to a host nobody
            // configured.
            .followRedirects(HttpClient.Redirect.NEVER);
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    this.http = builder.build();
  }

  List<String> urls() {
    return urls;
  }

  /** The registry's JSON answer to {@code GET path}; {@code path} is already URL-encoded. */
  JsonNode get(String path, RegistryErrors.Context context) {
    return send("GET", path, null, context);
  }

  /** The registry's JSON answer to {@code POST path} with {@code body} serialized as JSON. */
  JsonNode post(String path, Object body, RegistryErrors.Context context) {
    return send("POST", path, body, context);
  }

  private JsonNode send(String method, String path, Object body, RegistryErrors.Context context) {
    String json = body == null ? null : write(body);
    long deadline = System.nanoTime() + unavailableRetry.toNanos();
    Retry retry =
        Retry.of(
            "schema-registry",
            RetryConfig.custom()
                // Bounded by time (the configured unavailable-retry), not by a number of rounds.
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(
                    round -> Math.max(1, Math.min(BACKOFF.apply(round), leftMs(deadline))))
                .retryOnException(
                    e ->
                        e instanceof SchemaRegistryException s
                            && s.kind() == SchemaRegistryException.Kind.UNAVAILABLE
                            && leftMs(deadline) > 0
                            && !Thread.currentThread().isInterrupted())
                .build());
    retry
        .getEventPublisher()
        .onRetry(
            event ->
                LOG.warn(
                    "No schema registry answered {} {} (attempt {}); retrying in {} ms, for up to"
                        + " {} s more ({})",
                    method,
                    path,
                    event.getNumberOfRetryAttempts(),
                    event.getWaitInterval().toMillis(),
                    leftMs(deadline) / 1000,
                    AvroSerdeConfig.UNAVAILABLE_RETRY_TIMEOUT_MS));
    return retry.executeSupplier(() -> sendOnce(method, path, json, context));
  }

  private static long leftMs(long deadlineNanos) {
    return (deadlineNanos - System.nanoTime()) / 1_000_000;
  }

  private JsonNode sendOnce(
      String method, String path, String json, RegistryErrors.Context context) {
    List<String> failures = new ArrayList<>();
    int start = preferred.get();
    for (int i = 0; i < urls.size(); i++) {
      int index = (start + i) % urls.size();
      String base = urls.get(index);
      try {
        HttpResponse<String> response =
            http.send(request(method, base + path, json), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
          failures.add(
              base
                  + " answered HTTP "
                  + response.statusCode()
                  + ": "
                  + abbreviate(response.body()));
          LOG.warn(
              "Schema registry {} answered {} {} with HTTP {}; trying the next URL",
              base,
              method,
              path,
              response.statusCode());
          continue;
        }
        preferred.set(index);
        if (response.statusCode() >= 300) {
          throw RegistryErrors.fromResponse(
              base, method, path, response.statusCode(), response.body(), context, credentials);
        }
        return parse(base, response.body());
      } catch (IOException e) {
        failures.add(base + ": " + describe(e));
        LOG.warn(
            "Schema registry {} did not answer {} {} ({}); trying the next URL",
            base,
            method,
            path,
            describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(
            SchemaRegistryException.Kind.UNAVAILABLE,
            0,
            0,
            "interrupted while waiting for the schema registry at " + base,
            e);
      }
    }
    throw RegistryErrors.unavailable(method, path, failures, context);
  }

  private HttpRequest request(String method, String url, String json) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout).header("Accept", ACCEPT);
    credentials.authorizationHeader().ifPresent(value -> builder.header("Authorization", value));
    if (json == null) {
      return builder.GET().build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private static JsonNode parse(String base, String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "null" : body);
    } catch (IOException e) {
      throw new SchemaRegistryException(
          SchemaRegistryException.Kind.OTHER,
          200,
          0,
          "the server at "
              + base
              + " answered with something that is not JSON ("
              + abbreviate(body)
              + "); is "
              + AvroSerdeConfig.SCHEMA_REGISTRY_URL
              + " the registry's API root (for Apicurio: "
              + "http://host:8080/apis/ccompat/v7)?",
          e);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write registry request as JSON", e);
    }
  }

  private static String describe(IOException e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }

  static String abbreviate(String body) {
    if (body == null || body.isBlank()) {
      return "empty body";
    }
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
