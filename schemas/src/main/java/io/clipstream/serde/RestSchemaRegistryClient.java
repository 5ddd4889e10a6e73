package io.clipstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.serde.RegistryErrors.Context;
import io.clipstream.serde.SchemaRegistryException.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, usable with
 * Confluent, Apicurio ({@code /apis/ccompat/v7}), Redpanda and Karapace.
 *
 * <p>It sends no {@code schemaType} for Avro (Avro is every registry's default, and older
 * registries reject the field), resolves schema references when reading by id, and caches nothing:
 * wrap it in a {@link CachingSchemaRegistryClient}, as {@link SchemaRegistryClients#create} does.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  private final RegistryHttp http;
  private final RegistryCredentials credentials;

  /** A client for the URLs, credentials, timeouts and trust store in {@code config}. */
  public RestSchemaRegistryClient(AvroSerdeConfig config) {
    if (config.mockScope() != null) {
      throw new IllegalArgumentException(
          "mock:// URLs are served by MockSchemaRegistry; use SchemaRegistryClients.create");
    }
    this.credentials = config.credentials();
    this.http =
        new RegistryHttp(
            config.registryUrls(),
            credentials,
            config.connectTimeout(),
            config.readTimeout(),
            config.unavailableRetryTimeout(),
            RegistryTls.sslContext(config));
  }

  @Override
  public int register(String subject, Schema schema) {
    JsonNode answer =
        http.post(
            "/subjects/" + encode(subject) + "/versions", body(schema), Context.subject(subject));
    return requireId(answer, subject);
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    JsonNode answer =
        http.post("/subjects/" + encode(subject), body(schema), Context.subject(subject));
    return new RegisteredSchema(
        subject, requireId(answer, subject), answer.path("version").asInt(), schema);
  }

  @Override
  public Schema byId(int id) {
    Context context = Context.id(id);
    return parse(http.get("/schemas/ids/" + id, context), context);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    Context context = Context.subject(subject);
    JsonNode answer = http.get("/subjects/" + encode(subject) + "/versions/latest", context);
    return new RegisteredSchema(
        subject,
        requireId(answer, subject),
        answer.path("version").asInt(),
        parse(answer, context));
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    http.get("/subjects", new Context(null, null)).forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  @Override
  public List<String> incompatibilities(String subject, Schema schema) {
    JsonNode answer;
    try {
      answer =
          http.post(
              "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
              body(schema),
              Context.subject(subject));
    } catch (SchemaRegistryException e) {
      if (e.kind() == Kind.SUBJECT_NOT_FOUND || e.kind() == Kind.VERSION_NOT_FOUND) {
        return List.of(); // nothing registered yet, so anything is compatible
      }
      throw e;
    }
    if (answer.path("is_compatible").asBoolean(false)) {
      return List.of();
    }
    List<String> messages = new ArrayList<>();
    answer.path("messages").forEach(m -> messages.add(m.asText()));
    return messages.isEmpty() ? localExplanation(subject, schema) : messages;
  }

  /**
   * Some registries (Apicurio) answer {@code is_compatible: false} without messages even when asked
   * for verbose output; comparing with the latest version locally usually names the offending
   * field.
   */
  private List<String> localExplanation(String subject, Schema schema) {
    RegisteredSchema latest = latest(subject);
    List<String> local =
        SchemaCompatibility.checkReaderWriterCompatibility(schema, latest.schema())
            .getResult()
            .getIncompatibilities()
            .stream()
            .map(
                i ->
                    i.getType()
                        + " at "
                        + i.getLocation()
                        + ": "
                        + i.getMessage()
                        + " (vs version "
                        + latest.version()
                        + ")")
            .toList();
    return local.isEmpty()
        ? List.of(
            "the registry reports the schema incompatible under the subject's compatibility level, without "
                + "details; it can read data of the latest version, so an older version or a FORWARD/FULL rule refuses it")
        : local;
  }

  @Override
  public String location() {
    return String.join(",", http.urls());
  }

  @Override
  public String toString() {
    return "RestSchemaRegistryClient[" + location() + ", " + credentials + "]";
  }

  /** Percent-encodes a subject as one path segment (spaces as %20, '/' as %2F). */
  static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Map<String, Object> body(Schema schema) {
    return Map.of("schema", schema.toString());
  }

  private static int requireId(JsonNode answer, String subject) {
    if (!answer.path("id").canConvertToInt()) {
      throw new SchemaRegistryException(
          Kind.OTHER,
          200,
          0,
          "the schema registry answered without a schema id for"
              + " subject '"
              + subject
              + "': "
              + RegistryHttp.abbreviate(answer.toString()));
    }
    return answer.get("id").asInt();
  }

  /** Parses the {@code schema} of an answer after the schemas its {@code references} name. */
  private Schema parse(JsonNode answer, Context context) {
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw new SchemaRegistryException(
          Kind.OTHER,
          200,
          0,
          context.describe()
              + " is a "
              + type
              + " schema, not Avro: this data was written by a "
              + type
              + " serializer, which Clipstream cannot read");
    }
    Schema.Parser parser = new Schema.Parser().setValidateDefaults(false); // read what others wrote
    try {
      addReferences(parser, answer.path("references"), new HashSet<>(), context);
      return parser.parse(answer.path("schema").asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(
          Kind.INVALID,
          200,
          0,
          "the schema registry returned a schema for "
              + context.describe()
              + " that Avro cannot parse: "
              + e.getMessage(),
          e);
    }
  }

  private void addReferences(
      Schema.Parser parser, JsonNode references, Set<String> seen, Context context) {
    for (JsonNode reference : references) {
      String subject = reference.path("subject").asText();
      String version = reference.path("version").asText();
      if (seen.add(subject + "/" + version)) {
        JsonNode referenced =
            http.get(
                "/subjects/" + encode(subject) + "/versions/" + version, Context.subject(subject));
        addReferences(parser, referenced.path("references"), seen, context);
        parser.parse(referenced.path("schema").asText());
      }
    }
  }
}
