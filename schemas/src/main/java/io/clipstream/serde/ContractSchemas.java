package io.clipstream.serde;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.Segment;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The schemas of the records Clipstream's topics carry as values, for tools that register or check
 * them ahead of deployment (with {@code auto.register.schemas=false} in production). Nested types
 * (Detection, RenderOptions, ...) are inlined in these and need no subjects of their own.
 */
public final class ContractSchemas {

  private ContractSchemas() {}

  /**
   * The top-level value schemas: DetectionFrame, Event, Segment, RenderCommand, ClipReady,
   * ClipFailed.
   */
  public static List<Schema> topLevel() {
    return List.of(
        DetectionFrame.getClassSchema(),
        Event.getClassSchema(),
        Segment.getClassSchema(),
        RenderCommand.getClassSchema(),
        ClipReady.getClassSchema(),
        ClipFailed.getClassSchema());
  }

  /**
   * The subject that {@code schema}, written as the value of {@code topic}, is registered under
   * with the configured value subject name strategy; what a registration tool passes to {@link
   * SchemaRegistryClient#register} so that it registers exactly what the serializers will look up.
   */
  public static String valueSubject(AvroSerdeConfig config, String topic, Schema schema) {
    return config.subjectNameStrategy(false).subject(topic, false, schema);
  }

  /**
   * Registers {@code schema} as the value schema of {@code topic} under its {@linkplain
   * #valueSubject subject} and returns subject, id and version; registering a schema that is
   * already there changes nothing and returns its existing id and version. Fails with {@link
   * SchemaRegistryException} (for example {@link SchemaRegistryException.Kind#INCOMPATIBLE}) when
   * the registry refuses.
   */
  public static RegisteredSchema registerValueSchema(
      SchemaRegistryClient client, AvroSerdeConfig config, String topic, Schema schema) {
    String subject = valueSubject(config, topic, schema);
    client.register(subject, schema);
    return client.lookup(subject, schema);
  }
}
