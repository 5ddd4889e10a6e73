package io.clipstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3FailuresTest {

  private final S3Failures failures = new S3Failures("clips", "http://127.0.0.1:9000");

  private static S3Exception answer(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .message(code)
            .build();
  }

  @Test
  void shouldRetryServerErrorsAndThrottling() {
    assertThat(failures.classify("PUT", "k", answer(503, "SlowDown")).retryable()).isTrue();
    assertThat(failures.classify("PUT", "k", answer(500, "InternalError")).retryable()).isTrue();
    assertThat(failures.classify("PUT", "k", answer(429, null)).retryable()).isTrue();
  }

  @Test
  void shouldRetryConnectionFailuresAndNameWhatFailed() {
    StorageException e =
        failures.classify(
            "PUT",
            "cam/2024/05/23/ev/clip.mp4",
            SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused")));

    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage())
        .contains("PUT s3://clips/cam/2024/05/23/ev/clip.mp4 at http://127.0.0.1:9000")
        .contains("Connection refused")
        .contains("check that it runs");
  }

  @Test
  void shouldFailFastOnBadCredentials() {
    StorageException e = failures.classify("PUT", "k", answer(403, "SignatureDoesNotMatch"));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("HTTP 403 SignatureDoesNotMatch").contains("credentials");
  }

  @Test
  void shouldFailFastOnABodyless403AsAHeadGetsIt() {
    S3Exception head = (S3Exception) S3Exception.builder().statusCode(403).build();

    StorageException e = failures.classify("HEAD", "k", head);

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage())
        .contains("HEAD s3://clips/k")
        .contains("HTTP 403;")
        .contains("credentials");
  }

  @Test
  void shouldFailFastOnAMissingBucketSayingWhatToDo() {
    StorageException e = failures.classify("PUT", "k", answer(404, "NoSuchBucket"));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("bucket 'clips' does not exist").contains("create it");
  }

  @Test
  void shouldFailFastOnMissingCredentials() {
    StorageException e =
        failures.classify(
            "PUT",
            "k",
            SdkClientException.create("Unable to load credentials from any of the providers"));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("AWS_ACCESS_KEY_ID");
  }
}
