package io.clipstream.cli;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time from a SIGKILL to the next clip of the lost partitions goes, read from the log of
 * the survivor that rendered that clip (started with {@code CLIPSTREAM_KAFKA_LOG_LEVEL=INFO}, so
 * the Kafka clients' group and restore steps are in it): each step's first renderer line after the
 * kill, as seconds after the kill.
 */
final class FailoverTimeline {

  /** A step of the failover and the first log line that marks it. */
  private record Step(String name, Pattern line) {}

  /** In the order they happen; only lines of the renderer's Kafka Streams client count. */
  private static final List<Step> STEPS =
      List.of(
          new Step(
              "rebalance noticed",
              Pattern.compile(
                  "Request joining group|\\(Re-\\)joining group|to PARTITIONS_REVOKED")),
          new Step("joined", Pattern.compile("Successfully joined group")),
          new Step("assigned", Pattern.compile("Successfully synced group|newly assigned")),
          new Step("restored", Pattern.compile("Restoration took|Finished restoring")),
          new Step("tasks running", Pattern.compile("renderer tasks now")));

  /** The renderer's line for a stored clip, with the render and upload times. */
  private static final Pattern RENDERED =
      Pattern.compile(
          "Clip (\\S+) event \\S+ camera \\S+: .* rendered in (\\d+) ms .*stored in (\\d+) ms");

  /** A rebalance the renderer's consumer took part in (the classic protocol's sync step). */
  private static final Pattern SYNCED = Pattern.compile("Successfully synced group");

  /** An active task that got no standby copy here: its stores are rebuilt from the changelog. */
  private static final Pattern FULL_RESTORE =
      Pattern.compile("stream-task \\[(\\S+)\\] State store \\S+ did not find checkpoint offset");

  private final Map<String, Double> steps = new LinkedHashMap<>();
  private int rebalances;
  private final java.util.Set<String> restoredFromScratch = new java.util.TreeSet<>();

  private FailoverTimeline() {}

  /**
   * The timeline in the log of {@code survivor} after {@code killedAt}, up to the first clip it
   * rendered for which {@code lost} holds, and {@code committedAt}, when that clip was seen on
   * clips.ready (read_committed).
   */
  static FailoverTimeline of(
      CrashInstance survivor, long killedAt, Predicate<String> lost, long committedAt) {
    FailoverTimeline timeline = new FailoverTimeline();
    List<String> lines = survivor.logText().lines().toList();
    int next = 0;
    for (String line : lines) {
      Optional<Long> at = timestamp(line);
      if (at.isEmpty() || at.get() < killedAt) {
        continue;
      }
      if (line.contains("-renderer") && SYNCED.matcher(line).find()) {
        timeline.rebalances++;
      }
      Matcher scratch = FULL_RESTORE.matcher(line);
      if (line.contains("-renderer") && scratch.find()) {
        timeline.restoredFromScratch.add(scratch.group(1));
      }
      if (next < STEPS.size() && line.contains("-renderer")) {
        // A step may be missing (no restore when a standby is promoted): look for later ones too.
        for (int s = next; s < STEPS.size(); s++) {
          if (STEPS.get(s).line().matcher(line).find()) {
            timeline.steps.put(STEPS.get(s).name(), seconds(at.get() - killedAt));
            next = s + 1;
            break;
          }
        }
      }
      Matcher clip = RENDERED.matcher(line);
      if (clip.find() && lost.test(clip.group(1))) {
        long end = at.get() - killedAt;
        long took = Long.parseLong(clip.group(2)) + Long.parseLong(clip.group(3));
        timeline.steps.put("render start", seconds(end - took));
        timeline.steps.put("render and upload end", seconds(end));
        timeline.steps.put("clip committed (seen read_committed)", seconds(committedAt - killedAt));
        return timeline;
      }
    }
    timeline.steps.put("clip committed (seen read_committed)", seconds(committedAt - killedAt));
    return timeline;
  }

  /** A survivor's {@code DeadMemberTransactionFencer} line. */
  private static final Pattern FENCED =
      Pattern.compile("(planner|renderer): fenced transaction \\S+ \\(open (\\d+) ms");

  /**
   * What the survivors' fencers fenced after {@code killedAt}: {@code none} or, per fence, {@code
   * role by instance N +X s (open Y s)}.
   */
  static String fences(List<CrashInstance> survivors, long killedAt) {
    List<String> fences = new ArrayList<>();
    for (CrashInstance survivor : survivors) {
      for (String line : survivor.logText().lines().toList()) {
        Optional<Long> at = timestamp(line);
        Matcher fenced = FENCED.matcher(line);
        if (at.isPresent() && at.get() >= killedAt && fenced.find()) {
          fences.add(
              String.format(
                  "%s by instance %d +%.1f s (open %.1f s)",
                  fenced.group(1),
                  survivor.number(),
                  seconds(at.get() - killedAt),
                  Long.parseLong(fenced.group(2)) / 1000.0));
        }
      }
    }
    return fences.isEmpty() ? "none" : String.join(", ", fences);
  }

  private static double seconds(long millis) {
    return millis / 1000.0;
  }

  private static Optional<Long> timestamp(String line) {
    int space = line.indexOf(' ');
    if (space < 20) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(line.substring(0, space)).toInstant().toEpochMilli());
    } catch (java.time.format.DateTimeParseException notALogLine) {
      return Optional.empty(); // a continuation line (stack trace, multi-line message)
    }
  }

  /** Rebalances (synced assignments) of the survivor's renderer from the kill to the clip. */
  int rebalances() {
    return rebalances;
  }

  /** Active tasks the survivor rebuilt from the changelog, having no copy of their state. */
  java.util.Set<String> restoredFromScratch() {
    return restoredFromScratch;
  }

  /** Seconds after the kill of each step seen, in order. */
  Map<String, Double> steps() {
    return steps;
  }

  /** {@code step +1.2 s, step +3.4 s, ...}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    steps.forEach((name, s) -> parts.add(String.format("%s +%.1f s", name, s)));
    return String.join(", ", parts)
        + String.format(
            " (%d rebalance(s) up to the clip; active tasks restored from the changelog without a"
                + " standby copy here: %s)",
            rebalances, restoredFromScratch.isEmpty() ? "none" : restoredFromScratch);
  }
}
