package io.clipstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

@WithRealComponents
class RealS3IT {

  @Test
  void shouldPutAndGetAnObjectWithAPathStyleClient(RealS3 s3) {
    s3.createBucket("clips");
    try (S3Client client = s3.s3Client()) {
      client.putObject(
          r -> r.bucket("clips").key("cam-1/2026/clip.mp4").contentType("video/mp4"),
          RequestBody.fromString("not really a video"));

      var object = client.getObjectAsBytes(r -> r.bucket("clips").key("cam-1/2026/clip.mp4"));

      assertThat(object.asString(StandardCharsets.UTF_8)).isEqualTo("not really a video");
      assertThat(object.response().contentType()).isEqualTo("video/mp4");
    }
  }

  @Test
  void shouldCreateBucketsIdempotently(RealS3 s3) {
    s3.createBucket("twice");
    s3.createBucket("twice");

    try (S3Client client = s3.s3Client()) {
      assertThat(client.listBuckets().buckets()).anyMatch(bucket -> bucket.name().equals("twice"));
    }
  }

  @Test
  void shouldRejectRequestsSignedWithTheWrongSecret(RealS3 s3) {
    s3.createBucket("guarded");
    try (S3Client intruder =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .region(Region.of(s3.region()))
            .forcePathStyle(true)
            .credentialsProvider(() -> AwsBasicCredentials.create(s3.accessKey(), "wrong-secret"))
            .build()) {
      assertThatThrownBy(() -> intruder.listObjectsV2(r -> r.bucket("guarded")))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  @Test
  void shouldCompleteAMultipartUpload(RealS3 s3) {
    s3.createBucket("multipart");
    byte[] first = new byte[5 * 1024 * 1024]; // S3's minimum size for every part but the last
    Arrays.fill(first, (byte) 'x');
    byte[] last = "tail".getBytes(StandardCharsets.UTF_8);
    try (S3Client client = s3.s3Client()) {
      String uploadId =
          client.createMultipartUpload(r -> r.bucket("multipart").key("big")).uploadId();
      String etag1 =
          client
              .uploadPart(
                  r -> r.bucket("multipart").key("big").uploadId(uploadId).partNumber(1),
                  RequestBody.fromBytes(first))
              .eTag();
      String etag2 =
          client
              .uploadPart(
                  r -> r.bucket("multipart").key("big").uploadId(uploadId).partNumber(2),
                  RequestBody.fromBytes(last))
              .eTag();
      client.completeMultipartUpload(
          r ->
              r.bucket("multipart")
                  .key("big")
                  .uploadId(uploadId)
                  .multipartUpload(
                      u ->
                          u.parts(
                              List.of(
                                  CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                                  CompletedPart.builder().partNumber(2).eTag(etag2).build()))));

      assertThat(client.headObject(r -> r.bucket("multipart").key("big")).contentLength())
          .isEqualTo(first.length + last.length);
    }
  }

  @Test
  @ResourceLock(RealComponents.S3_LOCK)
  void shouldComeBackOnTheSamePortWithItsObjectsAfterARestart(RealS3 s3) {
    s3.createBucket("durable");
    try (S3Client client = s3.s3Client()) {
      client.putObject(r -> r.bucket("durable").key("k"), RequestBody.fromString("survives"));
    }
    String endpoint = s3.endpoint().toString();

    s3.stop();
    try (S3Client client = s3.s3Client()) {
      assertThat(s3.isRunning()).isFalse();
      assertThatThrownBy(() -> client.headBucket(r -> r.bucket("durable")))
          .isInstanceOf(SdkClientException.class);
    } finally {
      s3.start();
    }

    assertThat(s3.endpoint()).hasToString(endpoint);
    try (S3Client client = s3.s3Client()) {
      assertThat(client.getObjectAsBytes(r -> r.bucket("durable").key("k")).asUtf8String())
          .isEqualTo("survives");
    }
  }
}
