package io.clipstream.cli;

import io.clipstream.serde.AvroSerdeConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Command-line options that locate and authenticate against a Schema Registry. */
final class RegistryOptions {

  @Option(
      names = "--registry-url",
      paramLabel = "URL[,URL...]",
      description =
          "Confluent-compatible Schema Registry URL(s), tried in order; mock://SCOPE for an in-memory one.")
  String urls;

  @Option(
      names = "--basic-auth",
      paramLabel = "USER:PASSWORD",
      defaultValue = "${env:CLIPSTREAM_REGISTRY_BASIC_AUTH}",
      description = "Basic-auth credentials (default: $CLIPSTREAM_REGISTRY_BASIC_AUTH).")
  String basicAuth;

  @Option(
      names = "--bearer-token",
      paramLabel = "TOKEN",
      defaultValue = "${env:CLIPSTREAM_REGISTRY_BEARER_TOKEN}",
      description = "Bearer token (default: $CLIPSTREAM_REGISTRY_BEARER_TOKEN).")
  String bearerToken;

  @Option(
      names = "--subject-strategy",
      paramLabel = "STRATEGY",
      defaultValue = "TopicNameStrategy",
      description =
          "Value subject naming: TopicNameStrategy (default), RecordNameStrategy or TopicRecordNameStrategy.")
  String subjectStrategy;

  @Option(
      names = "--registry-property",
      paramLabel = "KEY=VALUE",
      description =
          "Any other serde setting, e.g. schema.registry.ssl.truststore.location=/etc/ssl/registry.jks.")
  Map<String, String> extra = new LinkedHashMap<>();

  /** The serde configuration these options describe. */
  AvroSerdeConfig serdeConfig() {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, urls);
    config.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, subjectStrategy);
    if (basicAuth != null && !basicAuth.isBlank()) {
      config.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
      config.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, basicAuth);
    }
    if (bearerToken != null && !bearerToken.isBlank()) {
      config.put(AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN");
      config.put(AvroSerdeConfig.BEARER_AUTH_TOKEN, bearerToken);
    }
    return new AvroSerdeConfig(config);
  }
}
