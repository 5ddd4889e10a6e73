package io.clipstream.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The object operations of {@link S3ClipStore}, each retried by the {@link Retrier}. */
final class S3Objects {

  private final S3Client s3;
  private final String bucket;
  private final Retrier retrier;
  private final S3Failures failures;

  S3Objects(S3Client s3, String bucket, Retrier retrier, S3Failures failures) {
    this.s3 = s3;
    this.bucket = bucket;
    this.retrier = retrier;
    this.failures = failures;
  }

  /**
   * PUTs {@code file} with {@code Content-MD5} (the server refuses a body damaged in transit) and
   * {@code sha256} metadata, then HEADs it: returns only once the object reads back with the right
   * size and digest, so that what the caller announces is really there.
   */
  HeadObjectResponse putVerified(
      String key, Path file, String contentType, Map<String, String> metadata) {
    Digests.FileDigests digests =
        retrier.call("Reading " + file, () -> Digests.of(file), e -> unreadable(file, e));
    Map<String, String> meta = new LinkedHashMap<>();
    metadata.forEach((k, v) -> meta.put(k, headerSafe(v)));
    meta.put("sha256", digests.sha256Hex());
    return retrier.call(
        "PUT s3://" + bucket + "/" + key,
        () -> {
          s3.putObject(
              r ->
                  r.bucket(bucket)
                      .key(key)
                      .contentType(contentType)
                      .contentLength(digests.bytes())
                      .contentMD5(digests.md5Base64())
                      .metadata(meta),
              RequestBody.fromFile(file));
          HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
          if (head.contentLength() != digests.bytes()
              || !digests.sha256Hex().equals(head.metadata().get("sha256"))) {
            throw new StorageException(
                "s3://"
                    + bucket
                    + "/"
                    + key
                    + " reads back as "
                    + head.contentLength()
                    + " bytes, sha256 "
                    + head.metadata().get("sha256")
                    + " instead of "
                    + digests.bytes()
                    + " bytes, sha256 "
                    + digests.sha256Hex(),
                true,
                null);
          }
          return head;
        },
        e -> failures.classify("PUT", key, e));
  }

  /** The object's metadata, or empty when there is no such object. */
  Optional<HeadObjectResponse> head(String key) {
    return retrier.call(
        "HEAD s3://" + bucket + "/" + key,
        () -> {
          try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)));
          } catch (AwsServiceException e) {
            if (e.statusCode() == 404) { // a HEAD answer has no body: missing key or bucket
              return Optional.<HeadObjectResponse>empty();
            }
            throw e;
          }
        },
        e -> failures.classify("HEAD", key, e));
  }

  /** Deletes the object; deleting a missing key succeeds, as in S3. */
  void delete(String key) {
    retrier.call(
        "DELETE s3://" + bucket + "/" + key,
        () -> s3.deleteObject(r -> r.bucket(bucket).key(key)),
        e -> failures.classify("DELETE", key, e));
  }

  // User metadata travels in HTTP headers, which must be ASCII: anything else is percent-encoded.
  private static String headerSafe(String value) {
    return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
        ? value
        : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static StorageException unreadable(Path file, Exception e) {
    return new StorageException(
        "Cannot read the rendered file " + file + ": " + e.getMessage(), false, e);
  }
}
