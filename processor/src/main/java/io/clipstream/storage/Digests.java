package io.clipstream.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 and MD5 of files and bytes, as stores record and verify them. */
final class Digests {

  /** The digests of one file, read once. */
  record FileDigests(String sha256Hex, String md5Base64, long bytes) {}

  private Digests() {}

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
  }

  static String sha256Hex(Path file) throws IOException {
    return of(file).sha256Hex();
  }

  /**
   * SHA-256 (recorded with the clip) and MD5 (sent as {@code Content-MD5}, so the server refuses a
   * body damaged in transit) in one pass over the file.
   */
  static FileDigests of(Path file) throws IOException {
    MessageDigest sha = digest("SHA-256");
    MessageDigest md5 = digest("MD5");
    long bytes = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
        md5.update(buffer, 0, n);
        bytes += n;
      }
    }
    return new FileDigests(
        HexFormat.of().formatHex(sha.digest()),
        Base64.getEncoder().encodeToString(md5.digest()),
        bytes);
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JVM", e);
    }
  }
}
