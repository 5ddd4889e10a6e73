package io.clipstream.storage;

import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place that decides whether an S3 failure is transient (retry) or needs a person (fail
 * fast), and says so in words: operation, bucket, key, endpoint, the server's answer and a hint.
 */
final class S3Failures {

  private static final Set<String> TRANSIENT_CODES =
      Set.of("SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "BadDigest");
  private static final Set<String> CREDENTIAL_CODES =
      Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken");

  private final String bucket;
  private final String endpoint;

  S3Failures(String bucket, String endpoint) {
    this.bucket = bucket;
    this.endpoint = endpoint;
  }

  StorageException classify(String operation, String key, Exception failure) {
    String what = operation + " s3://" + bucket + "/" + key + " at " + endpoint;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException service) {
        return fromService(what, service);
      }
    }
    if (hasCause(failure, IOException.class)
        || hasCause(failure, ApiCallAttemptTimeoutException.class)) {
      return new StorageException(
          what
              + " failed: "
              + rootMessage(failure)
              + "; the store is unreachable or slow: check that it runs and the endpoint is right",
          true,
          failure);
    }
    if (failure instanceof SdkClientException
        && failure.getMessage() != null
        && failure.getMessage().contains("credentials")) {
      return new StorageException(
          what
              + " failed: "
              + failure.getMessage()
              + "; configure credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, a"
              + " role) or the store's static access key",
          false,
          failure);
    }
    boolean retryable = failure instanceof SdkException sdk && sdk.retryable();
    return new StorageException(what + " failed: " + rootMessage(failure), retryable, failure);
  }

  private StorageException fromService(String what, AwsServiceException e) {
    int status = e.statusCode();
    // A HEAD answer has no body, hence no error code: decide on the status alone then.
    String code =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
            ? ""
            : e.awsErrorDetails().errorCode();
    String answer = " failed: HTTP " + status + (code.isEmpty() ? "" : " " + code);
    if (status >= 500 || status == 429 || status == 408 || TRANSIENT_CODES.contains(code)) {
      return new StorageException(what + answer + "; the store is busy or failing", true, e);
    }
    if (CREDENTIAL_CODES.contains(code)) {
      return new StorageException(
          what + answer + "; the access key or secret is wrong: fix the storage credentials",
          false,
          e);
    }
    if (status == 403) {
      return new StorageException(
          what
              + answer
              + "; the credentials are refused or lack permission: check the keys and that they"
              + " may read and write the bucket",
          false,
          e);
    }
    if ("NoSuchBucket".equals(code)) {
      return new StorageException(
          what
              + answer
              + "; bucket '"
              + bucket
              + "' does not exist: create it or fix the storage URI",
          false,
          e);
    }
    return new StorageException(what + answer + ": " + e.getMessage(), false, e);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root + ")";
  }
}
