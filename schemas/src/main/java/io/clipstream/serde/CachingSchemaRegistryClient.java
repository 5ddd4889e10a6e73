package io.clipstream.serde;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Remembers the registry's immutable answers (schema by id, id by subject and schema) so that a
 * serializer or deserializer asks the registry once per schema, not once per record.
 *
 * <p>{@link #lookup} (whose version may be asked for after a deletion), {@link #latest}, {@link
 * #subjects} and {@link #incompatibilities} always go to the registry. Not-found answers are not
 * cached: the schema may be registered a moment later.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private final SchemaRegistryClient delegate;
  private final BoundedCache<Integer, Schema> schemasById;
  private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;

  public CachingSchemaRegistryClient(SchemaRegistryClient delegate, int capacity) {
    this.delegate = delegate;
    this.schemasById = new BoundedCache<>(capacity);
    this.idsBySubjectSchema = new BoundedCache<>(capacity);
  }

  @Override
  public int register(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(
        new SubjectSchema(subject, schema),
        k -> {
          int id = delegate.register(subject, schema);
          schemasById.put(id, schema);
          return id;
        });
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(
        new SubjectSchema(subject, schema),
        k -> {
          int id = delegate.idOf(subject, schema);
          schemasById.put(id, schema);
          return id;
        });
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    RegisteredSchema found = delegate.lookup(subject, schema);
    idsBySubjectSchema.put(new SubjectSchema(subject, schema), found.id());
    return found;
  }

  @Override
  public Schema byId(int id) {
    return schemasById.computeIfAbsent(id, delegate::byId);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    RegisteredSchema latest = delegate.latest(subject);
    schemasById.put(latest.id(), latest.schema());
    return latest;
  }

  @Override
  public List<String> subjects() {
    return delegate.subjects();
  }

  @Override
  public List<String> incompatibilities(String subject, Schema schema) {
    return delegate.incompatibilities(subject, schema);
  }

  @Override
  public String location() {
    return delegate.location();
  }

  /** The client this one caches for. */
  public SchemaRegistryClient delegate() {
    return delegate;
  }

  @Override
  public String toString() {
    return "CachingSchemaRegistryClient[" + delegate + "]";
  }

  /**
   * Cache key. {@link Schema#equals} ignores documentation, so two schemas that differ only in docs
   * share an id here; that is safe because their binary encodings are identical.
   */
  private record SubjectSchema(String subject, Schema schema) {}
}
