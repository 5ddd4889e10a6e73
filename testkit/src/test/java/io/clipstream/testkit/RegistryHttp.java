package io.clipstream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny Confluent-API client for the registry ITs, logging every exchange so the exact bodies are
 * on record.
 */
final class RegistryHttp {

  /** A response: status code, raw body and parsed JSON. */
  record Response(int status, String body, JsonNode json) {}

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final HttpClient client = HttpClient.newHttpClient();
  private final String baseUrl;

  RegistryHttp(String confluentUrl) {
    this.baseUrl = confluentUrl;
  }

  Response get(String path) throws Exception {
    return exchange(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), "GET " + path);
  }

  /** POSTs {@code {"schema": <avroSchema>}} to {@code path}. */
  Response postSchema(String path, String avroSchema) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("schema", avroSchema);
    return exchange(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
        "POST " + path);
  }

  private Response exchange(HttpRequest.Builder request, String what) throws Exception {
    HttpResponse<String> response =
        client.send(
            request.header("Accept", CONTENT_TYPE).build(), HttpResponse.BodyHandlers.ofString());
    LOG.info("{} -> {} {}", what, response.statusCode(), response.body());
    JsonNode json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
    return new Response(response.statusCode(), response.body(), json);
  }
}
