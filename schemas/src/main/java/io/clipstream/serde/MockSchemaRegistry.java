package io.clipstream.serde;

import io.clipstream.serde.SchemaRegistryException.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * An in-memory registry for {@code mock://<scope>} URLs, following the Confluent convention: every
 * client configured with the same scope in this JVM sees the same registry, so a test's producer
 * and consumer (and a Kafka Streams topology's serdes) agree on ids without a server.
 *
 * <p>It behaves like a real registry where tests depend on it: ids are assigned sequentially from 1
 * and are global to the scope, the same schema always gets the same id, and each subject enforces
 * BACKWARD compatibility against its latest version (refusals are {@link Kind#INCOMPATIBLE}, the
 * 409 of a real registry). Call {@link #drop} between tests that must not share state.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

  private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String scope;
  private final Map<String, Integer> idsBySchemaText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
  private int lastId;

  private MockSchemaRegistry(String scope) {
    this.scope = scope;
  }

  /** The registry of {@code scope}, created empty on first use. */
  public static MockSchemaRegistry forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, MockSchemaRegistry::new);
  }

  /**
   * Forgets the registry of {@code scope}; clients and serdes created afterwards start from an
   * empty one, while those created before keep the registry they had (and their cached ids).
   */
  public static void drop(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    Integer existing = versionOf(subject, schema);
    if (existing != null) {
      return existing;
    }
    List<String> problems = incompatibilities(subject, schema);
    if (!problems.isEmpty()) {
      throw new SchemaRegistryException(
          Kind.INCOMPATIBLE,
          409,
          409,
          "the schema registry refused the schema for "
              + "subject '"
              + subject
              + "' because it is incompatible with the versions already registered (BACKWARD): "
              + String.join("; ", problems)
              + ". Make the change compatible (add fields with defaults) or write to a new "
              + "topic/subject");
    }
    int id = idsBySchemaText.computeIfAbsent(schema.toString(), text -> ++lastId);
    schemasById.putIfAbsent(id, schema);
    versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    if (!versionsBySubject.containsKey(subject)) {
      throw notFound(
          Kind.SUBJECT_NOT_FOUND,
          40401,
          "subject '"
              + subject
              + "' does not exist in "
              + location()
              + ": register the schema first ("
              + WriterSchemas.REGISTER_HINT
              + ", or auto.register.schemas=true)");
    }
    Integer id = versionOf(subject, schema);
    if (id == null) {
      throw notFound(
          Kind.SCHEMA_NOT_FOUND,
          40403,
          "schema "
              + schema.getFullName()
              + " is not registered under "
              + "subject '"
              + subject
              + "' in "
              + location()
              + ": register it first");
    }
    return new RegisteredSchema(
        subject, id, versionsBySubject.get(subject).indexOf(id) + 1, schemasById.get(id));
  }

  @Override
  public synchronized Schema byId(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw notFound(
          Kind.SCHEMA_NOT_FOUND,
          40403,
          "schema id "
              + id
              + " is not registered in "
              + location()
              + ": producer and consumer must use the same registry (scope)");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw notFound(
          Kind.SUBJECT_NOT_FOUND,
          40401,
          "subject '" + subject + "' does not exist in " + location());
    }
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, id, versions.size(), schemasById.get(id));
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  @Override
  public synchronized List<String> incompatibilities(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      return List.of();
    }
    Schema latest = schemasById.get(versions.get(versions.size() - 1));
    // BACKWARD: consumers on the new schema must read data written with the latest one.
    return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest)
        .getResult()
        .getIncompatibilities()
        .stream()
        .map(MockSchemaRegistry::describe)
        .toList();
  }

  @Override
  public String location() {
    return "mock://" + scope;
  }

  @Override
  public String toString() {
    return "MockSchemaRegistry[" + location() + "]";
  }

  private Integer versionOf(String subject, Schema schema) {
    Integer id = idsBySchemaText.get(schema.toString());
    return id != null && versionsBySubject.getOrDefault(subject, List.of()).contains(id)
        ? id
        : null;
  }

  private static String describe(Incompatibility incompatibility) {
    return incompatibility.getType()
        + " at "
        + incompatibility.getLocation()
        + ": "
        + incompatibility.getMessage();
  }

  private static SchemaRegistryException notFound(Kind kind, int code, String message) {
    return new SchemaRegistryException(kind, 404, code, message);
  }
}
