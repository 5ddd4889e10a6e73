package io.clipstream.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The known name closest to a misspelt one, for "did you mean" hints. */
final class PublishSuggestions {

  private PublishSuggestions() {}

  /** The closest candidate, when one is close enough to be a plausible typo or a camelCase form. */
  static Optional<String> closest(String given, List<String> candidates) {
    String normalized = normalize(given);
    return candidates.stream()
        .filter(c -> normalize(c).equals(normalized) || distance(given, c) <= tolerance(c))
        .min(
            Comparator.comparingInt(
                c -> normalize(c).equals(normalized) ? -1 : distance(given, c)));
  }

  private static int tolerance(String candidate) {
    return Math.max(2, candidate.length() / 3);
  }

  /** camelCase, kebab-case and snake_case all compare equal. */
  private static String normalize(String name) {
    return name.replaceAll("[_\\-]", "").toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
