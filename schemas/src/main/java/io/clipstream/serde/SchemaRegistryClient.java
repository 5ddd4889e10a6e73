package io.clipstream.serde;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that Clipstream uses, for Avro schemas.
 *
 * <p>Implementations: {@link RestSchemaRegistryClient} (any Confluent-compatible registry:
 * Confluent, Apicurio's {@code /apis/ccompat/v7}, Redpanda, Karapace), {@link MockSchemaRegistry}
 * ({@code mock://scope}) and {@link CachingSchemaRegistryClient}. Obtain one with {@link
 * SchemaRegistryClients#create}. Every method throws {@link SchemaRegistryException} when the
 * registry refuses or cannot be reached; implementations are thread-safe.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and
   * returns its id. Registering a schema that is already there returns the existing id; an
   * incompatible schema fails with {@link SchemaRegistryException.Kind#INCOMPATIBLE}.
   */
  int register(String subject, Schema schema);

  /**
   * Finds {@code schema} under {@code subject} without registering it ({@code POST
   * /subjects/{subject}}): its id and its version within the subject. Fails with a {@linkplain
   * SchemaRegistryException#isNotFound() not found} exception when the subject or the schema under
   * it does not exist.
   */
  RegisteredSchema lookup(String subject, Schema schema);

  /** The id part of {@link #lookup}; caching clients answer it from memory after the first time. */
  default int idOf(String subject, Schema schema) {
    return lookup(subject, schema).id();
  }

  /** Returns the schema with this id ({@code GET /schemas/ids/{id}}). */
  Schema byId(int id);

  /**
   * Returns the newest version of {@code subject} ({@code GET
   * /subjects/{subject}/versions/latest}).
   */
  RegisteredSchema latest(String subject);

  /** Lists the registered subjects ({@code GET /subjects}). */
  List<String> subjects();

  /**
   * Describes why {@code schema} may not be registered under {@code subject} by the subject's
   * compatibility rules ({@code POST /compatibility/subjects/{subject}/versions/latest}); empty
   * when it may, including when the subject does not exist yet.
   */
  List<String> incompatibilities(String subject, Schema schema);

  /**
   * True when {@code schema} may be registered under {@code subject}; see {@link
   * #incompatibilities}.
   */
  default boolean isCompatible(String subject, Schema schema) {
    return incompatibilities(subject, schema).isEmpty();
  }

  /** Where this client points, for messages: URLs without credentials, or {@code mock://scope}. */
  String location();
}
