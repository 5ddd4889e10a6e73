package io.clipstream.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean" by edit distance, so that a misspelt key or field fails with its likely fix. Used
 * for configuration keys and for the fields of published JSON.
 */
public final class Suggestions {

  private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

  private Suggestions() {}

  /** The candidate closest to {@code word}, when close enough to be a plausible typo. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      // camelCase, kebab-case and snake_case spellings of the same name count as a perfect match.
      int d =
          normalize(word).equals(normalize(candidate)) ? -1 : LEVENSHTEIN.apply(word, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // A third of the length catches dropped words (planner.preroll for planner.preroll.ms)
    // without suggesting unrelated keys.
    return bestDistance <= Math.max(2, word.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  private static String normalize(String name) {
    return name.replaceAll("[_\\-]", "").toLowerCase(Locale.ROOT);
  }
}
