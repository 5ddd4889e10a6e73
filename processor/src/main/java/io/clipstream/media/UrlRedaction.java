package io.clipstream.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what may be a credential from the URLs inside a text: the user-info part ({@code
 * user:password@}) and the query string (where presigned URLs carry {@code X-Amz-Credential} and
 * {@code X-Amz-Signature}, and other services their tokens). Scheme, host and path stay, so a
 * message still says which file it is about.
 *
 * <p>Applied to every text that names an input (error messages, side-cars, logs): FFmpeg opens S3
 * footage through presigned URLs, and those must not leave the process.
 */
public final class UrlRedaction {

  /** Shown instead of removed user-info. */
  public static final String HIDDEN_USER = "***@";

  /** Shown instead of a removed query string. */
  public static final String HIDDEN_QUERY = "?<query hidden>";

  // A URL runs until whitespace, a quote or a closing bracket: the way messages quote them.
  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s/?#'\"<>()@]*@)?([^\\s?#'\"<>()]*)"
              + "(\\?[^\\s#'\"<>()]+)?");

  private UrlRedaction() {}

  /** {@code text} with user-info and query strings removed from every URL in it. */
  public static String redact(String text) {
    if (text == null || !text.contains("://")) {
      return text;
    }
    Matcher m = URL.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String replacement =
          m.group(1)
              + (m.group(2) == null ? "" : HIDDEN_USER)
              + m.group(3)
              + (m.group(4) == null ? "" : HIDDEN_QUERY);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
