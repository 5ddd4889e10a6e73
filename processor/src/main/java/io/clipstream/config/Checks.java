package io.clipstream.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validators whose {@code toString()} reads as the expected form, because {@link ConfigLoader}
 * quotes it in error messages and {@link ConfigDocs} does not (Kafka's own validators print {@code
 * [1,...]}).
 */
final class Checks implements ConfigDef.Validator {

  /** Returns a problem with the value, or null when it is fine. */
  @FunctionalInterface
  interface Rule {
    String problem(Object value);
  }

  private final String expected;
  private final Rule rule;

  private Checks(String expected, Rule rule) {
    this.expected = expected;
    this.rule = rule;
  }

  static Checks of(String expected, Rule rule) {
    return new Checks(expected, rule);
  }

  static Checks atLeast(long min) {
    return of("at least " + min, v -> ((Number) v).longValue() >= min ? null : "too small");
  }

  static Checks between(long min, long max) {
    return of(
        "between " + min + " and " + max,
        v ->
            ((Number) v).longValue() >= min && ((Number) v).longValue() <= max
                ? null
                : "out of range");
  }

  static Checks nonBlank() {
    return of("a non-blank value", v -> v.toString().isBlank() ? "blank" : null);
  }

  /** One of {@code allowed}, compared case-insensitively. */
  static Checks oneOf(String... allowed) {
    Set<String> set = Set.of(allowed);
    return of(
        "one of " + String.join(", ", allowed),
        v -> set.contains(v.toString().toLowerCase(Locale.ROOT)) ? null : "not a known value");
  }

  /** A non-empty list without duplicates whose items are each one of {@code allowed}. */
  static Checks listOf(String... allowed) {
    Set<String> set = Set.of(allowed);
    return of(
        "a comma-separated list of " + String.join(", ", allowed),
        v -> {
          List<?> items = (List<?>) v;
          Set<String> seen = new HashSet<>();
          for (Object item : items) {
            String s = item.toString().toLowerCase(Locale.ROOT);
            if (!set.contains(s)) {
              return "unknown item '" + item + "'";
            }
            if (!seen.add(s)) {
              return "'" + item + "' is listed twice";
            }
          }
          return items.isEmpty() ? "empty list" : null;
        });
  }

  @Override
  public void ensureValid(String name, Object value) {
    String problem = value == null ? null : rule.problem(value);
    if (problem != null) {
      // Only the problem: the loader adds key, (masked) value and source itself.
      throw new ConfigException(problem);
    }
  }

  @Override
  public String toString() {
    return expected;
  }
}
