package io.clipstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.serde.SchemaRegistryException.Kind;
import java.util.List;

/**
 * Turns a registry's error answer into a {@link SchemaRegistryException} whose message says what
 * the request was about and what to do. Confluent-compatible registries answer errors as {@code
 * {"error_code": 40401, "message": "..."}}; the codes are the same across Confluent, Apicurio's
 * ccompat API, Redpanda and Karapace.
 */
final class RegistryErrors {

  /** What a request was about, for messages: the subject and/or schema id, either may be null. */
  record Context(String subject, Integer schemaId) {
    static Context subject(String subject) {
      return new Context(subject, null);
    }

    static Context id(int id) {
      return new Context(null, id);
    }

    String describe() {
      if (subject != null && schemaId != null) {
        return "subject '" + subject + "', schema id " + schemaId;
      }
      return subject != null
          ? "subject '" + subject + "'"
          : schemaId != null ? "schema id " + schemaId : "request";
    }
  }

  private RegistryErrors() {}

  static SchemaRegistryException fromResponse(
      String base,
      String method,
      String path,
      int status,
      String body,
      Context context,
      RegistryCredentials credentials) {
    int code = status;
    String detail = RegistryHttp.abbreviate(body);
    boolean registryError = false;
    try {
      JsonNode json = RegistryHttp.JSON.readTree(body);
      if (json != null && json.has("error_code")) {
        code = json.get("error_code").asInt(status);
        detail = json.path("message").asText(detail);
        registryError = true;
      }
    } catch (Exception notJson) {
      // a proxy or a wrong URL answered; the raw body is the best detail there is
    }
    String where =
        " ("
            + method
            + " "
            + base
            + path
            + " answered HTTP "
            + status
            + (registryError ? ", error_code " + code : "")
            + ": "
            + detail
            + ")";
    String about = context.describe();
    if (status == 401) {
      return new SchemaRegistryException(
          Kind.UNAUTHORIZED,
          status,
          code,
          "the schema registry at "
              + base
              + " refused the credentials ("
              + credentials
              + ") for "
              + about
              + ": check "
              + AvroSerdeConfig.BASIC_AUTH_USER_INFO
              + " / "
              + AvroSerdeConfig.BEARER_AUTH_TOKEN
              + where);
    }
    if (status == 403) {
      return new SchemaRegistryException(
          Kind.FORBIDDEN,
          status,
          code,
          "the schema registry at "
              + base
              + " does not allow "
              + credentials
              + " to "
              + method
              + " "
              + about
              + ": grant that principal access to the subject"
              + where);
    }
    if (status == 409) {
      return new SchemaRegistryException(
          Kind.INCOMPATIBLE,
          status,
          code,
          "the schema registry refused the schema for "
              + about
              + " because it is incompatible with the versions already registered: make the change compatible "
              + "(add fields with defaults; do not remove or retype fields without defaults) or write to a new "
              + "topic/subject"
              + where);
    }
    if (status >= 300 && status < 400) {
      return new SchemaRegistryException(
          Kind.OTHER,
          status,
          code,
          "the server at "
              + base
              + " redirected "
              + about
              + "; put the final registry URL in "
              + AvroSerdeConfig.SCHEMA_REGISTRY_URL
              + where);
    }
    return switch (code) {
      case 40401 ->
          new SchemaRegistryException(
              Kind.SUBJECT_NOT_FOUND,
              status,
              code,
              about
                  + " does not exist in the schema registry at "
                  + base
                  + ": register the schema first "
                  + "("
                  + WriterSchemas.REGISTER_HINT
                  + ", or auto.register.schemas=true) or check the subject name strategy"
                  + where);
      case 40402 ->
          new SchemaRegistryException(
              Kind.VERSION_NOT_FOUND,
              status,
              code,
              "no such version for " + about + " in the schema registry at " + base + where);
      case 40403 ->
          new SchemaRegistryException(
              Kind.SCHEMA_NOT_FOUND,
              status,
              code,
              about
                  + " is not registered in the schema registry at "
                  + base
                  + ": register it first, or check that producer "
                  + "and consumer use the same registry"
                  + where);
      case 42201, 42202, 42203, 422 ->
          new SchemaRegistryException(
              Kind.INVALID,
              status,
              code,
              "the schema registry at "
                  + base
                  + " rejected the schema or request for "
                  + about
                  + " as invalid"
                  + where);
      default ->
          new SchemaRegistryException(
              Kind.OTHER,
              status,
              code,
              "the schema registry at "
                  + base
                  + " refused the request for "
                  + about
                  + (registryError
                      ? ""
                      : "; is "
                          + AvroSerdeConfig.SCHEMA_REGISTRY_URL
                          + " the registry's API root (for Apicurio: http://host:8080/apis/ccompat/v7)?")
                  + where);
    };
  }

  static SchemaRegistryException unavailable(
      String method, String path, List<String> failures, Context context) {
    return new SchemaRegistryException(
        Kind.UNAVAILABLE,
        0,
        0,
        "no schema registry answered "
            + method
            + " "
            + path
            + " for "
            + context.describe()
            + "; tried "
            + String.join("; ", failures)
            + ". Check that the registry is running and reachable from here, and "
            + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
  }
}
