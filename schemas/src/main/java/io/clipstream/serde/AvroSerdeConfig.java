package io.clipstream.serde;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the Avro serdes and the registry client, parsed and validated once.
 *
 * <p>Keys carry the names of Confluent's serializer settings so that existing client configuration
 * works unchanged; {@link #CONFIG} declares each with type, default and documentation. Keys this
 * class does not know are ignored, because serdes receive the whole Kafka client or Streams
 * configuration. The {@code basic.auth.*} and {@code bearer.auth.*} keys are also accepted with
 * Confluent's {@code schema.registry.} prefix.
 */
public final class AvroSerdeConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
  public static final String UNAVAILABLE_RETRY_TIMEOUT_MS = "registry.unavailable.retry.timeout.ms";

  private static final String PREFIX = "schema.registry.";
  private static final List<String> PREFIXABLE =
      List.of(
          BASIC_AUTH_CREDENTIALS_SOURCE,
          BASIC_AUTH_USER_INFO,
          BEARER_AUTH_CREDENTIALS_SOURCE,
          BEARER_AUTH_TOKEN);

  /** Every key with its type, default, validation and documentation. */
  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              SCHEMA_REGISTRY_URL,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              Importance.HIGH,
              "Comma-separated registry API roots, tried in order with failover (for Apicurio: "
                  + "http://host:8080/apis/ccompat/v7), or mock://<scope> for an in-memory registry shared by "
                  + "every client of that scope in the JVM. http://user:password@host supplies basic-auth credentials.")
          .define(
              AUTO_REGISTER_SCHEMAS,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              "Register the record's schema when serializing; when false the schema must already be registered.")
          .define(
              USE_LATEST_VERSION,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Serialize with the subject's latest registered schema instead of the record's own; requires "
                  + AUTO_REGISTER_SCHEMAS
                  + "=false.")
          .define(
              LATEST_COMPATIBILITY_STRICT,
              Type.BOOLEAN,
              true,
              Importance.LOW,
              "With "
                  + USE_LATEST_VERSION
                  + ", refuse records whose schema the latest schema cannot read.")
          .define(
              KEY_SUBJECT_NAME_STRATEGY,
              Type.STRING,
              "TopicNameStrategy",
              strategy(KEY_SUBJECT_NAME_STRATEGY),
              Importance.MEDIUM,
              "How key subjects are named: TopicNameStrategy, RecordNameStrategy or "
                  + "TopicRecordNameStrategy (Confluent's class names are accepted too).")
          .define(
              VALUE_SUBJECT_NAME_STRATEGY,
              Type.STRING,
              "TopicNameStrategy",
              strategy(VALUE_SUBJECT_NAME_STRATEGY),
              Importance.MEDIUM,
              "How value subjects are named; see " + KEY_SUBJECT_NAME_STRATEGY + ".")
          .define(
              SPECIFIC_AVRO_READER,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Let the generic deserializer return generated classes when one exists for the writer's record name.")
          .define(
              BASIC_AUTH_CREDENTIALS_SOURCE,
              Type.STRING,
              "URL",
              ConfigDef.CaseInsensitiveValidString.in("URL", "USER_INFO"),
              Importance.MEDIUM,
              "Where basic-auth credentials come from: URL (user:password@ in "
                  + SCHEMA_REGISTRY_URL
                  + ") or USER_INFO ("
                  + BASIC_AUTH_USER_INFO
                  + "). USER_INFO is implied when "
                  + BASIC_AUTH_USER_INFO
                  + " is set and this key is not.")
          .define(
              BASIC_AUTH_USER_INFO,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "Basic-auth credentials as user:password.")
          .define(
              BEARER_AUTH_CREDENTIALS_SOURCE,
              Type.STRING,
              "STATIC_TOKEN",
              ConfigDef.CaseInsensitiveValidString.in("STATIC_TOKEN"),
              Importance.MEDIUM,
              "Where the bearer token comes from; STATIC_TOKEN ("
                  + BEARER_AUTH_TOKEN
                  + ") is supported.")
          .define(
              BEARER_AUTH_TOKEN,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "Bearer token sent as 'Authorization: Bearer <token>'; cannot be combined with basic auth.")
          .define(
              SSL_TRUSTSTORE_LOCATION,
              Type.STRING,
              null,
              Importance.LOW,
              "Trust store for https registry URLs; without it the JVM's default trust store "
                  + "(javax.net.ssl.trustStore) applies.")
          .define(
              SSL_TRUSTSTORE_PASSWORD,
              Type.PASSWORD,
              null,
              Importance.LOW,
              "Password of the trust store.")
          .define(
              SSL_TRUSTSTORE_TYPE,
              Type.STRING,
              "PKCS12",
              Importance.LOW,
              "Trust store type: PKCS12 or JKS.")
          .define(
              HTTP_CONNECT_TIMEOUT_MS,
              Type.INT,
              10_000,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Time to connect to one registry URL before failing over to the next.")
          .define(
              HTTP_READ_TIMEOUT_MS,
              Type.INT,
              30_000,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Time for one registry request to be answered before failing over to the next URL.")
          .define(
              UNAVAILABLE_RETRY_TIMEOUT_MS,
              Type.LONG,
              120_000L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "How long a registry request keeps retrying (backoff from 500 ms to 10 s) while no "
                  + "registry URL answers (connection refused, timeout, HTTP 5xx) before it fails. "
                  + "It rides through registry restarts and short outages: a stream thread waits "
                  + "here instead of failing or dead-lettering the record it reads or writes. An "
                  + "answer such as 404 or 409 is never retried. 0 fails at once.")
          .define(
              MAX_SCHEMAS_PER_SUBJECT,
              Type.INT,
              1000,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Capacity of each of the client's caches (ids by schema, schemas by id).");

  private final RegistryUrls urls;

  public AvroSerdeConfig(Map<String, ?> configs) {
    super(CONFIG, withUnprefixedAliases(configs), false);
    this.urls = RegistryUrls.parse(getList(SCHEMA_REGISTRY_URL));
    if (useLatestVersion() && autoRegisterSchemas()) {
      throw new ConfigException(
          USE_LATEST_VERSION
              + "=true writes with the subject's latest registered schema and "
              + "never registers one; set "
              + AUTO_REGISTER_SCHEMAS
              + "=false as well");
    }
    credentials(); // validates the auth keys now rather than at the first request
  }

  /**
   * Registry API roots without credentials, in failover order; a single {@code mock://scope} for
   * mocks.
   */
  public List<String> registryUrls() {
    return urls.urls();
  }

  /** The scope of a {@code mock://scope} URL, or null when the URLs are real registries. */
  public String mockScope() {
    return urls.mockScope();
  }

  public boolean autoRegisterSchemas() {
    return getBoolean(AUTO_REGISTER_SCHEMAS);
  }

  public boolean useLatestVersion() {
    return getBoolean(USE_LATEST_VERSION);
  }

  public boolean latestCompatibilityStrict() {
    return getBoolean(LATEST_COMPATIBILITY_STRICT);
  }

  public boolean specificAvroReader() {
    return getBoolean(SPECIFIC_AVRO_READER);
  }

  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    String key = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
    return SubjectNameStrategy.parse(key, getString(key));
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
  }

  public Duration readTimeout() {
    return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS));
  }

  /** How long requests retry while no registry URL answers; zero: not at all. */
  public Duration unavailableRetryTimeout() {
    return Duration.ofMillis(getLong(UNAVAILABLE_RETRY_TIMEOUT_MS));
  }

  public int cacheCapacity() {
    return getInt(MAX_SCHEMAS_PER_SUBJECT);
  }

  /** The trust store location, or null for the JVM default. */
  String trustStoreLocation() {
    return getString(SSL_TRUSTSTORE_LOCATION);
  }

  String trustStoreType() {
    return getString(SSL_TRUSTSTORE_TYPE);
  }

  char[] trustStorePassword() {
    Password password = getPassword(SSL_TRUSTSTORE_PASSWORD);
    return password == null ? null : password.value().toCharArray();
  }

  /** The credentials chosen by the auth keys; {@link RegistryCredentials#NONE} without any. */
  RegistryCredentials credentials() {
    Password token = getPassword(BEARER_AUTH_TOKEN);
    Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
    boolean sourceSet = originals().containsKey(BASIC_AUTH_CREDENTIALS_SOURCE);
    String source =
        sourceSet
            ? getString(BASIC_AUTH_CREDENTIALS_SOURCE).toUpperCase(java.util.Locale.ROOT)
            : (userInfo != null ? "USER_INFO" : "URL");
    String basic =
        "USER_INFO".equals(source) ? (userInfo == null ? null : userInfo.value()) : urls.userInfo();
    if ("USER_INFO".equals(source) && basic == null) {
      throw new ConfigException(
          BASIC_AUTH_CREDENTIALS_SOURCE
              + "=USER_INFO needs "
              + BASIC_AUTH_USER_INFO
              + "=user:password");
    }
    if (token != null && basic != null) {
      throw new ConfigException(
          "both basic-auth credentials and "
              + BEARER_AUTH_TOKEN
              + " are set; a registry request carries one Authorization header, so keep only one");
    }
    try {
      if (token != null) {
        return RegistryCredentials.bearer(token.value());
      }
      String origin = "USER_INFO".equals(source) ? BASIC_AUTH_USER_INFO : SCHEMA_REGISTRY_URL;
      return basic == null ? RegistryCredentials.NONE : RegistryCredentials.basic(basic, origin);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static ConfigDef.Validator strategy(String key) {
    return (name, value) -> SubjectNameStrategy.parse(key, (String) value);
  }

  private static Map<String, Object> withUnprefixedAliases(Map<String, ?> configs) {
    Map<String, Object> copy = new HashMap<>(configs);
    for (String key : PREFIXABLE) {
      if (!copy.containsKey(key) && copy.containsKey(PREFIX + key)) {
        copy.put(key, copy.get(PREFIX + key));
      }
    }
    return copy;
  }
}
