package io.clipstream.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.DatumWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per subject and record schema, which schema id a serializer writes and with which
 * schema: the record's own (registered now or looked up) or, with {@code use.latest.version}, the
 * subject's latest. Failures become {@link AvroSerdeException}s naming topic, subject and the fix.
 */
final class WriterSchemas {

  /**
   * How to register what a service writes: registering the contract topics alone is not enough,
   * because the state stores' changelog topics have subjects of their own.
   */
  static final String REGISTER_HINT =
      "clipstream schemas register --config FILE, with the service's properties file: it also"
          + " registers the subjects of the service's internal changelog topics";

  /** How to write records of one schema to one subject. */
  record Plan(int id, Schema recordSchema, Schema writeSchema, DatumWriter<Object> writer) {
    boolean converts() {
      return !recordSchema.equals(writeSchema);
    }
  }

  private record Key(String subject, Schema schema, boolean specific) {}

  private static final Logger LOG = LoggerFactory.getLogger(WriterSchemas.class);

  private final SchemaRegistryClient client;
  private final AvroSerdeConfig config;
  private final boolean isKey;
  private final BoundedCache<Key, Plan> plans;

  WriterSchemas(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
    this.client = client;
    this.config = config;
    this.isKey = isKey;
    this.plans = new BoundedCache<>(config.cacheCapacity());
  }

  Plan plan(String topic, String subject, Schema schema, boolean specific) {
    return plans.computeIfAbsent(
        new Key(subject, schema, specific), key -> newPlan(topic, subject, schema, specific));
  }

  private Plan newPlan(String topic, String subject, Schema schema, boolean specific) {
    try {
      if (config.useLatestVersion()) {
        return latestPlan(topic, subject, schema, specific);
      }
      int id =
          config.autoRegisterSchemas()
              ? client.register(subject, schema)
              : client.idOf(subject, schema);
      LOG.info(
          "Writing {} records of {} to topic {} with schema id {} (subject {})",
          part(),
          schema.getFullName(),
          topic,
          id,
          subject);
      return new Plan(id, schema, schema, AvroCodec.writer(schema, specific));
    } catch (SchemaRegistryException e) {
      throw new AvroSerdeException(
          explain(topic, subject, schema, e), topic, isKey, subject, null, false, e);
    }
  }

  private Plan latestPlan(String topic, String subject, Schema schema, boolean specific) {
    RegisteredSchema latest = client.latest(subject);
    if (latest.schema().equals(schema)) {
      return new Plan(latest.id(), schema, schema, AvroCodec.writer(schema, specific));
    }
    if (config.latestCompatibilityStrict()) {
      List<String> problems =
          SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema)
              .getResult()
              .getIncompatibilities()
              .stream()
              .map(i -> i.getMessage() + " at " + i.getLocation())
              .toList();
      if (!problems.isEmpty()) {
        throw new AvroSerdeException(
            "cannot write "
                + part()
                + " of "
                + schema.getFullName()
                + " to topic "
                + topic
                + " as the latest version of subject '"
                + subject
                + "' (schema id "
                + latest.id()
                + ", version "
                + latest.version()
                + ", "
                + latest.schema().getFullName()
                + "), which cannot read it: "
                + String.join("; ", problems)
                + ". Produce records compatible with the latest schema or set "
                + AvroSerdeConfig.USE_LATEST_VERSION
                + "=false",
            topic,
            isKey,
            subject,
            latest.id(),
            false,
            null);
      }
    }
    LOG.info(
        "Writing {} records of {} to topic {} as the latest schema of subject {} (id {}, version {})",
        part(),
        schema.getFullName(),
        topic,
        subject,
        latest.id(),
        latest.version());
    return new Plan(latest.id(), schema, latest.schema(), AvroCodec.writer(latest.schema(), false));
  }

  private String explain(String topic, String subject, Schema schema, SchemaRegistryException e) {
    String what =
        part()
            + " schema "
            + schema.getFullName()
            + " for topic "
            + topic
            + " (subject '"
            + subject
            + "')";
    if (e.isNotFound() && config.useLatestVersion()) {
      return "cannot write "
          + what
          + ": the subject has no registered version, and "
          + AvroSerdeConfig.USE_LATEST_VERSION
          + "=true writes only registered schemas. Register it first "
          + "("
          + REGISTER_HINT
          + "). "
          + e.getMessage();
    }
    if (e.isNotFound()) {
      return "cannot write "
          + what
          + ": the schema is not registered and "
          + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS
          + "=false. Register it first ("
          + REGISTER_HINT
          + ") or set "
          + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS
          + "=true. "
          + e.getMessage();
    }
    if (e.kind() == SchemaRegistryException.Kind.INCOMPATIBLE) {
      return "cannot register "
          + what
          + ": "
          + e.getMessage()
          + details(subject, schema, e.getMessage());
    }
    return "cannot write " + what + ": " + e.getMessage();
  }

  /**
   * The registry's own explanation is often terse ("added at /fields/2"); ask for the field-level
   * one.
   */
  private String details(String subject, Schema schema, String message) {
    try {
      List<String> problems = client.incompatibilities(subject, schema);
      boolean known = problems.isEmpty() || problems.stream().allMatch(message::contains);
      return known ? "" : ". Differences: " + String.join("; ", problems);
    } catch (RuntimeException e) {
      return ""; // the refusal itself is the news; a failing follow-up question must not hide it
    }
  }

  private String part() {
    return isKey ? "key" : "value";
  }
}
