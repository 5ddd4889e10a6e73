package io.clipstream.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the ranges of many clips into one pass per source file, ordered so every clip receives its
 * sources in playing order (a topological order of "file A plays before file B"). Clips that cannot
 * fit such an order (the same file twice, or two clips disagreeing about the order) get passes of
 * their own.
 */
final class PassOrder {

  private PassOrder() {}

  static List<List<DecodeJob.Range>> passes(List<DecodeJob> jobs) {
    List<DecodeJob> shared = new ArrayList<>();
    List<DecodeJob> solo = new ArrayList<>();
    for (DecodeJob job : jobs) {
      List<String> keys = keys(job);
      (new HashSet<>(keys).size() == keys.size() ? shared : solo).add(job);
    }
    List<String> order;
    while ((order = topological(shared)) == null) {
      solo.add(shared.remove(shared.size() - 1)); // break a cycle by taking the latest clip out
    }
    List<List<DecodeJob.Range>> passes = new ArrayList<>();
    for (String key : order) {
      List<DecodeJob.Range> pass = new ArrayList<>();
      for (DecodeJob job : shared) {
        job.writer.plan().sources().stream()
            .map(s -> new DecodeJob.Range(job, s))
            .filter(r -> r.key().equals(key))
            .forEach(pass::add);
      }
      passes.add(pass);
    }
    for (DecodeJob job : solo) {
      job.writer
          .plan()
          .sources()
          .forEach(s -> passes.add(new ArrayList<>(List.of(new DecodeJob.Range(job, s)))));
    }
    return passes;
  }

  private static List<String> keys(DecodeJob job) {
    return job.writer.plan().sources().stream()
        .map(s -> new DecodeJob.Range(job, s).key())
        .toList();
  }

  /** Kahn's algorithm over the files; null when the clips' orders contradict each other. */
  private static List<String> topological(List<DecodeJob> jobs) {
    Map<String, Set<String>> after = new LinkedHashMap<>();
    Map<String, Integer> indegree = new LinkedHashMap<>();
    for (DecodeJob job : jobs) {
      List<String> keys = keys(job);
      for (int i = 0; i < keys.size(); i++) {
        after.computeIfAbsent(keys.get(i), k -> new java.util.LinkedHashSet<>());
        indegree.putIfAbsent(keys.get(i), 0);
        if (i > 0 && after.get(keys.get(i - 1)).add(keys.get(i))) {
          indegree.merge(keys.get(i), 1, Integer::sum);
        }
      }
    }
    List<String> order = new ArrayList<>();
    List<String> ready = new ArrayList<>();
    indegree.forEach(
        (k, d) -> {
          if (d == 0) {
            ready.add(k);
          }
        });
    while (!ready.isEmpty()) {
      String key = ready.remove(0);
      order.add(key);
      for (String next : after.get(key)) {
        if (indegree.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    return order.size() == indegree.size() ? order : null;
  }
}
