package io.clipstream.serde;

/**
 * A Schema Registry refused or could not answer a request.
 *
 * <p>The message always says which registry, which subject or schema id, and what to do. {@link
 * #kind()} classifies the failure so callers can decide without parsing text: {@link
 * Kind#UNAVAILABLE} is worth retrying, the others are answers that retrying will not change.
 */
public class SchemaRegistryException extends RuntimeException {

  /** What went wrong, independent of the registry product's exact codes. */
  public enum Kind {
    /** The subject does not exist (Confluent error code 40401). */
    SUBJECT_NOT_FOUND,
    /** The version does not exist (40402). */
    VERSION_NOT_FOUND,
    /** The schema (by id, or by content under a subject) does not exist (40403). */
    SCHEMA_NOT_FOUND,
    /** The schema breaks the subject's compatibility rules (HTTP 409). */
    INCOMPATIBLE,
    /** The registry cannot parse the schema or the request (422xx). */
    INVALID,
    /** Bad or missing credentials (HTTP 401). */
    UNAUTHORIZED,
    /** Valid credentials without the permission needed (HTTP 403). */
    FORBIDDEN,
    /** No registry URL answered, or every one answered with a server error. Retriable. */
    UNAVAILABLE,
    /** Any other refusal, including a URL that is not a registry API root. */
    OTHER
  }

  private final Kind kind;
  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(Kind kind, int httpStatus, int errorCode, String message) {
    this(kind, httpStatus, errorCode, message, null);
  }

  public SchemaRegistryException(
      Kind kind, int httpStatus, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the registry's answer; 0 when no registry answered. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The registry's {@code error_code} (for example 40403); the HTTP status when it sent none; 0
   * without answer.
   */
  public int errorCode() {
    return errorCode;
  }

  /** True when the subject, version or schema does not exist. */
  public boolean isNotFound() {
    return kind == Kind.SUBJECT_NOT_FOUND
        || kind == Kind.VERSION_NOT_FOUND
        || kind == Kind.SCHEMA_NOT_FOUND;
  }

  /** True when trying again later may succeed (the registry was unreachable or failing). */
  public boolean isRetriable() {
    return kind == Kind.UNAVAILABLE;
  }
}
