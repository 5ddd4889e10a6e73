package io.clipstream.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the SDK's S3 client and presigner from {@link StorageSettings}. */
final class S3Clients {

  private static final Region FALLBACK_REGION = Region.US_EAST_1;

  private S3Clients() {}

  static S3Client client(StorageSettings settings) {
    var builder =
        S3Client.builder()
            // Explicit, so the SDK does not pick an HTTP client by classpath order.
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.attemptTimeout()))
            // The Retrier retries (with our classification and backoff), so the SDK must not retry
            // underneath it and multiply the attempts.
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(settings.attemptTimeout()))
            // The SDK's default CRC32 trailers (aws-chunked bodies) are not understood by every
            // S3-compatible server; the store sends Content-MD5 and verifies SHA-256 itself.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .forcePathStyle(settings.pathStyle())
            .region(region(settings))
            .credentialsProvider(credentials(settings));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  static S3Presigner presigner(StorageSettings settings) {
    var builder =
        S3Presigner.builder()
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build())
            .region(region(settings))
            .credentialsProvider(credentials(settings));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** A GET of {@code bucket/key} valid for {@code lifetime}. */
  static URI presignGet(S3Presigner presigner, String bucket, String key, Duration lifetime) {
    try {
      return presigner
          .presignGetObject(
              r -> r.signatureDuration(lifetime).getObjectRequest(g -> g.bucket(bucket).key(key)))
          .url()
          .toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("The SDK presigned an invalid URL for " + key, e);
    }
  }

  static Region region(StorageSettings settings) {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException none) {
      return FALLBACK_REGION; // S3-compatible servers mostly ignore it, but SigV4 needs one
    }
  }

  private static AwsCredentialsProvider credentials(StorageSettings settings) {
    if (settings.accessKeyId().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              settings.accessKeyId().get(), settings.secretAccessKey().orElseThrow()));
    }
    // Environment, system properties, ~/.aws profiles, web identity (EKS), container and instance
    // roles: whatever the deployment provides.
    return DefaultCredentialsProvider.builder().build();
  }
}
