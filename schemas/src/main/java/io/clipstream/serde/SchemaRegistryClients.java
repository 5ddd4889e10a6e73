package io.clipstream.serde;

import java.util.Map;

/** Creates the {@link SchemaRegistryClient} that a configuration asks for. */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {}

  /**
   * A caching client for {@code schema.registry.url}: the shared {@link MockSchemaRegistry} of the
   * scope for {@code mock://<scope>}, otherwise a {@link RestSchemaRegistryClient} over the URLs.
   *
   * @throws org.apache.kafka.common.config.ConfigException when the configuration is invalid
   */
  public static SchemaRegistryClient create(Map<String, ?> config) {
    return create(new AvroSerdeConfig(config));
  }

  /** As {@link #create(Map)}, for an already parsed configuration. */
  public static SchemaRegistryClient create(AvroSerdeConfig config) {
    SchemaRegistryClient client =
        config.mockScope() != null
            ? MockSchemaRegistry.forScope(config.mockScope())
            : new RestSchemaRegistryClient(config);
    return new CachingSchemaRegistryClient(client, config.cacheCapacity());
  }
}
