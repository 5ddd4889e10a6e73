package io.clipstream.backend;

import io.clipstream.contracts.FailureReason;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns an allowed source URI into something FFmpeg opens: a local path for {@code file:} URIs and
 * plain paths, the URL itself for {@code http(s):}, and a presigned HTTPS URL for {@code s3:} (so
 * FFmpeg reads only the byte ranges it seeks to, instead of the whole object being downloaded).
 */
public final class SourceLocator {

  private final Optional<Function<URI, URI>> s3Presigner;

  private SourceLocator(Optional<Function<URI, URI>> s3Presigner) {
    this.s3Presigner = s3Presigner;
  }

  /** Local files and HTTP(S) only. */
  public static SourceLocator localAndHttp() {
    return new SourceLocator(Optional.empty());
  }

  /** Also {@code s3://bucket/key}, through {@code presigner}. */
  public static SourceLocator withS3(Function<URI, URI> presigner) {
    return new SourceLocator(Optional.of(presigner));
  }

  /**
   * The location to open for {@code uri}.
   *
   * @throws CommandRejectedException when the URI cannot be opened by this renderer
   */
  String locate(String uri) {
    URI parsed = URI.create(uri);
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      // Normalised as the allowlist saw it: "/nvr/link/../x" must not reach outside via a symlink.
      case "" -> Path.of(uri).normalize().toString();
      case "file" -> Path.of(parsed).normalize().toString();
      case "http", "https" -> uri;
      case "s3" ->
          s3Presigner
              .map(p -> p.apply(parsed).toString())
              .orElseThrow(
                  () ->
                      new CommandRejectedException(
                          FailureReason.SOURCE_NOT_ALLOWED,
                          "source '"
                              + uri
                              + "' is in S3, but this renderer has no S3 access configured"
                              + " (set storage.s3.* keys)"));
      default ->
          throw new CommandRejectedException(
              FailureReason.SOURCE_NOT_ALLOWED,
              "source '" + uri + "' has scheme '" + scheme + "'; use file, s3, http or https");
    };
  }
}
