package io.clipstream.config;

import io.clipstream.backend.SourcePolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The roots the renderer may read footage from ({@code sources.allowed.roots}), so that a render
 * command cannot make the service read arbitrary files or reach arbitrary hosts.
 *
 * <p>File roots compare normalized absolute paths ({@code ..} cannot climb out); symbolic links are
 * not resolved here, since the source may not exist yet: the reader should open files with the real
 * path checked too.
 */
public record SourceRoots(List<Path> fileRoots, List<URI> s3Roots, List<URI> httpHosts)
    implements SourcePolicy {

  public SourceRoots {
    fileRoots = List.copyOf(fileRoots);
    s3Roots = List.copyOf(s3Roots);
    httpHosts = List.copyOf(httpHosts);
  }

  /** True when no root is configured, so every source would be refused. */
  public boolean isEmpty() {
    return fileRoots.isEmpty() && s3Roots.isEmpty() && httpHosts.isEmpty();
  }

  /** Parses the entries of the key; each is known valid (see {@link #problem}). */
  static SourceRoots parse(List<String> entries) {
    List<Path> files = new ArrayList<>();
    List<URI> s3 = new ArrayList<>();
    List<URI> http = new ArrayList<>();
    for (String e : entries) {
      if (e.startsWith("s3://")) {
        s3.add(URI.create(e));
      } else if (e.startsWith("http://") || e.startsWith("https://")) {
        http.add(URI.create(e));
      } else {
        files.add((e.startsWith("file:") ? Path.of(URI.create(e)) : Path.of(e)).normalize());
      }
    }
    return new SourceRoots(files, s3, http);
  }

  /** What is wrong with the first bad entry, or null. */
  static String problem(List<?> entries) {
    for (Object o : entries) {
      String e = o.toString();
      try {
        URI uri = URI.create(e);
        if (e.startsWith("s3://") && uri.getHost() == null) {
          return "'" + e + "' has no bucket";
        } else if ((e.startsWith("http://") || e.startsWith("https://"))
            && (uri.getHost() == null || !(uri.getPath().isEmpty() || uri.getPath().equals("/")))) {
          return "'" + e + "' must be scheme://host[:port] without a path";
        } else if (uri.getScheme() == null && !Path.of(e).isAbsolute()) {
          return "'" + e + "' is not an absolute path";
        } else if (uri.getScheme() != null
            && !List.of("s3", "http", "https", "file").contains(uri.getScheme())) {
          return "'" + e + "' has an unsupported scheme";
        }
      } catch (IllegalArgumentException ex) {
        return "'" + e + "' is not a path or URI";
      }
    }
    return null;
  }

  /** Why {@code source} may not be read, or empty when a root allows it. */
  @Override
  public Optional<String> refusal(String source) {
    URI uri;
    try {
      uri = URI.create(source);
    } catch (IllegalArgumentException e) {
      return Optional.of("source '" + source + "' is not a valid URI");
    }
    String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean allowed =
        switch (scheme) {
          case "file" -> {
            Path p = (uri.getScheme() == null ? Path.of(source) : Path.of(uri)).normalize();
            yield p.isAbsolute() && fileRoots.stream().anyMatch(p::startsWith);
          }
          case "s3" -> s3Roots.stream().anyMatch(r -> underS3Root(r, uri));
          case "http", "https" -> httpHosts.stream().anyMatch(r -> sameOrigin(r, uri));
          default -> false;
        };
    return allowed
        ? Optional.empty()
        : Optional.of(
            "source '"
                + source
                + "' is outside sources.allowed.roots "
                + (isEmpty() ? "(none configured)" : "(" + allowedList() + ")")
                + "; add its root, bucket or host to that key if it should be readable");
  }

  /** Every allowed root, bucket and host in one comma-separated list. */
  private String allowedList() {
    return java.util.stream.Stream.of(fileRoots, s3Roots, httpHosts)
        .flatMap(List::stream)
        .map(Object::toString)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static boolean underS3Root(URI root, URI uri) {
    String prefix = root.getPath() == null ? "" : root.getPath().replaceAll("^/+", "");
    String key = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "");
    boolean inPrefix =
        prefix.isEmpty()
            || key.equals(prefix)
            || key.startsWith(prefix.replaceAll("/+$", "") + "/");
    return root.getHost().equals(uri.getHost()) && inPrefix && !key.contains("..");
  }

  private static boolean sameOrigin(URI root, URI uri) {
    return root.getScheme().equalsIgnoreCase(uri.getScheme())
        && root.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
        && port(root) == port(uri);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
