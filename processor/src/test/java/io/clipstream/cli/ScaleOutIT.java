package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.http.HttpPaths;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three packaged service JVMs ({@code java -jar clipstream.jar run}, planner and renderer) with one
 * {@code application.id}, against the real broker, registry and S3 server: they share six cameras
 * on six partitions; one SIGKILLed and left down hands its cameras to the other two; a rolling
 * restart under load; a scale-up from one to three with a backlog and back down to one, with
 * renders in flight on instances whose tasks move. Each checks that every event got exactly one
 * valid clip and writes a row to {@code target/scaling/scaling.md}, the table docs/scaling.md
 * quotes. The kill row carries the failover timeline ({@link FailoverTimeline}) and the
 * transactions the killed instance left open ({@link StaleTransactions}). An opt-in benchmark
 * measures clips per minute with one, two and three instances.
 *
 * <p>Renders use preset veryfast and one worker per instance: three JVMs share the two cores of the
 * build machines with the broker, the registry and S3.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
class ScaleOutIT {

  private static final int INSTANCES = 3;

  /** Exit status of a JVM that ran its shutdown hooks after SIGTERM (128 + 15). */
  private static final int SIGTERM_STATUS = 143;

  private static final int PARTITIONS = 6;

  /** Each of the sample's two cameras three times: six cameras, 21 events. */
  private static final int CAMERA_COPIES = 3;

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration ALL_CLIPS_TIMEOUT = Duration.ofMinutes(6);

  /** How long clips.ready is watched after the last clip for a duplicate to show up. */
  private static final Duration QUIET = Duration.ofSeconds(5);

  /**
   * The target is 10 s from the kill to the next clip of the lost partitions: that time
   * goes into the report (8.7-10.6 s measured on the quiet 2-core machine: the session timeout, one
   * rebalance, then up to one render of the survivor's own and the lost clip's render). It is not
   * asserted, because the renders dominate its tail and one render alone can take 30 s on a
   * saturated build machine. Asserted is the part Kafka and the assignor govern: one rebalance
   * round, no full restore on the survivor, and the lost tasks active on a survivor well before the
   * classic 45 s session timeout would even have expired.
   */
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);

  /**
   * The renderer's line for a stored clip: {@code Clip <id> event <event> camera <camera>: ...}.
   */
  private static final Pattern RENDERED =
      Pattern.compile("Clip (\\S+) event (\\S+) camera (\\S+):");

  /** The assignment line of the renderer's Kafka Streams client (InstanceTasks). */
  private static final Pattern RENDERER_TASKS =
      Pattern.compile("renderer tasks now: active \\[([^\\]]*)\\]");

  /** RenderPool's line when a stop waits for the renders in flight. */
  private static final Pattern DRAINING =
      Pattern.compile("Stopping: letting (\\d+) clip\\(s\\) in flight finish");

  private static final String DRAIN_GAVE_UP = "still unannounced after";

  private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\S+ ERROR ");
  private static final Pattern FENCED =
      Pattern.compile("ProducerFenced|InvalidProducerEpoch|TaskMigratedException");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Run with the default session timeout (what a stock broker allows) and with half of it, which
   * needs the brokers' {@code group.min.session.timeout.ms} lowered (the test broker allows {@value
   * RealKafka#MIN_SESSION_TIMEOUT_MS} ms): the report gives the failover time of both.
   */
  @ParameterizedTest(name = "group.session.timeout.ms {0}")
  @ValueSource(ints = {6000, 3000})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void shouldShareCamerasAndRunAKilledInstancesTasksWhereTheirCopiesAreInOneRebalance(
      int sessionMs, RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    ServiceRun run = scaleRun("scale-kill-" + sessionMs, kafka, registry, s3, 1);
    run.settings().put("group.session.timeout.ms", Integer.toString(sessionMs));
    run.settings().put("group.heartbeat.interval.ms", Integer.toString(sessionMs / 4));
    applyExtraSettings(run);
    // The Kafka clients' group and restore steps, for the failover timeline.
    run.env().put("JAVA_TOOL_OPTIONS", "-Dclipstream.kafka.log.level=INFO");
    try (Watch watch = new Watch(run)) {
      List<CrashInstance> nodes = watch.startReady(INSTANCES);
      run.publish();
      // Kill an instance once it has rendered a clip and still has commands of its own pending.
      CrashInstance[] victim = new CrashInstance[1];
      Set<Integer> lost = new TreeSet<>();
      watch.until(
          "an instance with a rendered clip and pending commands on its partitions",
          ALL_CLIPS_TIMEOUT,
          () -> {
            for (CrashInstance n : nodes) {
              Set<Integer> owned = rendererPartitions(n);
              if (!rendered(n).isEmpty() && watch.pendingOn(owned) > 0) {
                victim[0] = n;
                lost.addAll(owned);
                return true;
              }
            }
            return false;
          });
      int pendingAtKill = watch.pendingOn(lost);
      long killedAt = System.currentTimeMillis();
      int status = victim[0].kill();
      assertThat(status).isEqualTo(CrashInstance.SIGKILL_STATUS);
      String stale;
      try (StaleTransactions transactions =
          StaleTransactions.watchAfter(run, victim[0], killedAt)) {
        watch.until("every clip", ALL_CLIPS_TIMEOUT, watch::allAnnounced);
        watch.quiet(QUIET);
        stale = transactions.summary();
      }
      ConsumerRecord<String, ClipReady> firstLost = watch.firstAnnouncedAfter(killedAt, lost);
      long failover = watch.seenAt(firstLost) - killedAt;
      long reassigned = reassignedAfter(killedAt, lost, nodes, victim[0]) - killedAt;
      String firstClip = firstLost.value().getClipId();
      FailoverTimeline timeline =
          nodes.stream()
              .filter(n -> n != victim[0] && rendered(n).contains(firstClip))
              .findFirst()
              .map(n -> FailoverTimeline.of(n, killedAt, firstClip::equals, killedAt + failover))
              .orElseThrow(() -> new AssertionError("no survivor logged rendering " + firstClip));

      ServiceRun.Outcome outcome = run.outcome(watch.announced, watch.failedCount());
      Map<Integer, Integer> perInstance = renderedPerInstance(run);
      String details =
          String.format(
              "3 instances, 6 partitions; instance %d SIGKILLed (not restarted) with %d pending"
                  + " on its partitions %s; clips rendered per instance %s; timeline of the"
                  + " survivor that rendered the first lost clip: %s; the killed instance's"
                  + " transactions: %s; fenced by the survivors: %s",
              victim[0].number(),
              pendingAtKill,
              lost,
              perInstance,
              timeline,
              stale,
              FailoverTimeline.fences(
                  nodes.stream().filter(n -> n != victim[0]).toList(), killedAt));
      String session = run.settings().get("group.session.timeout.ms");
      report(
          "SIGKILL of one of three, not restarted, group.session.timeout.ms "
              + session
              + (session.equals("6000") ? " (the default)" : " (the broker's minimum lowered)"),
          outcome,
          String.format(
              "%.1f s (its tasks active on a survivor after %.1f s)",
              failover / 1000.0, reassigned / 1000.0),
          details);
      assertThat(outcome.perfect()).as("%s; %s", outcome, outcome.problems()).isTrue();
      assertThat(perInstance.keySet())
          .as("every instance rendered clips (the work is shared)")
          .hasSize(INSTANCES);
      assertThat(Duration.ofMillis(reassigned))
          .as("kill to the lost partitions %s being active on a survivor", lost)
          .isLessThanOrEqualTo(FAILOVER_BOUND);
      // The assignor's job (StandbyAwareStickyAssignor): the lost task runs where its standby copy
      // is, in the one rebalance the kill causes, without a second round or a full restore.
      assertThat(timeline.restoredFromScratch())
          .as("lost tasks rebuilt from the changelog on a survivor without a copy; %s", timeline)
          .isEmpty();
      assertThat(timeline.rebalances())
          .as("rebalance rounds on the survivor from the kill to the first lost clip; %s", timeline)
          .isEqualTo(1);
      run.deleteFiles();
    } finally {
      run.close();
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void shouldLoseAndDoubleNothingAndLogNoErrorDuringARollingRestartUnderLoad(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    ServiceRun run = scaleRun("scale-roll", kafka, registry, s3, 1);
    try (Watch watch = new Watch(run)) {
      List<CrashInstance> nodes = watch.startReady(INSTANCES);
      run.publish();
      watch.until("a first clip", ALL_CLIPS_TIMEOUT, () -> !watch.announced.isEmpty());
      long rollStart = System.currentTimeMillis();
      List<String> exits = new ArrayList<>();
      List<Handover> handovers = new ArrayList<>();
      for (CrashInstance n : List.copyOf(nodes)) {
        // As Kubernetes does: SIGTERM, wait for the exit, start the pod again, wait for ready.
        Set<Integer> owned = rendererPartitions(n);
        int pendingThere = watch.pendingOn(owned);
        long stopAt = System.currentTimeMillis();
        handovers.add(new Handover(n.number(), stopAt, owned, pendingThere));
        int status = watch.stop(n);
        long stopped = System.currentTimeMillis() - stopAt;
        assertStoppedCleanly(n, status);
        CrashInstance again = run.restart(n);
        nodes.set(nodes.indexOf(n), again);
        long readyIn = watch.awaitReady(again);
        exits.add(
            String.format(
                "instance %d stopped in %.1f s, ready again in %.1f s",
                n.number(), stopped / 1000.0, readyIn / 1000.0));
      }
      long rollEnd = System.currentTimeMillis();
      int announcedDuringRoll = watch.announcedBetween(rollStart, rollEnd);
      watch.until("every clip", ALL_CLIPS_TIMEOUT, watch::allAnnounced);
      watch.quiet(QUIET);

      List<String> cameraGaps = new ArrayList<>();
      for (Handover h : handovers) {
        cameraGaps.add(h.nextClip(watch));
      }
      ServiceRun.Outcome outcome = run.outcome(watch.announced, watch.failedCount());
      List<String> errors = new ArrayList<>();
      int fenced = 0;
      for (CrashInstance n : run.instances()) {
        String log = n.logText();
        log.lines().filter(l -> ERROR_LINE.matcher(l + "\n").find()).forEach(errors::add);
        fenced += (int) FENCED.matcher(log).results().count();
      }
      String details =
          String.format(
              "3 instances restarted one after the other (SIGTERM, same instance.id and state"
                  + " dir, wait for ready) while %d clips rendered: %s; %d clips announced during"
                  + " the restarts (%.0f s), longest gap in clips.ready while clips were still due"
                  + " %.1f s; SIGTERM to the next clip of the stopped instance's partitions: %s;"
                  + " ERROR lines %d; fencing/migration messages %d; transactions of departed"
                  + " members fenced: %s",
              run.events().size(),
              String.join("; ", exits),
              announcedDuringRoll,
              (rollEnd - rollStart) / 1000.0,
              watch.longestGap(rollStart, rollEnd) / 1000.0,
              String.join("; ", cameraGaps),
              errors.size(),
              fenced,
              FailoverTimeline.fences(run.instances(), rollStart));
      report("rolling restart of three under load", outcome, "-", details);
      assertThat(outcome.perfect()).as("%s; %s", outcome, outcome.problems()).isTrue();
      assertThat(errors).as("ERROR lines in the instances' logs").isEmpty();
      run.deleteFiles();
    } finally {
      run.close();
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void shouldDrainABacklogOnAllThreeWhenScaledFromOneToThreeAndLoseNothingScalingBackToOne(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    ServiceRun run = scaleRun("scale-up", kafka, registry, s3, 1);
    try (Watch watch = new Watch(run)) {
      CrashInstance first = run.start();
      watch.awaitReady(first);
      run.publish();
      long publishedAt = System.currentTimeMillis();
      watch.until("a first clip", ALL_CLIPS_TIMEOUT, () -> !watch.announced.isEmpty());
      long scaledAt = System.currentTimeMillis();
      int beforeScale = watch.announced.size();
      List<CrashInstance> added = new ArrayList<>();
      for (int i = 1; i < INSTANCES; i++) {
        added.add(run.start());
      }
      // Scale back to one once both newcomers took part: the StatefulSet stops the highest
      // ordinals first, SIGTERM each; the first instance renders what they leave pending.
      watch.until(
          "a clip rendered by each added instance",
          ALL_CLIPS_TIMEOUT,
          () -> watch.allAnnounced() || added.stream().noneMatch(n -> rendered(n).isEmpty()));
      int leftAtScaleDown = run.events().size() - watch.answeredEvents();
      for (int i = added.size() - 1; i >= 0; i--) {
        assertStoppedCleanly(added.get(i), watch.stop(added.get(i)));
      }
      watch.until("every clip", ALL_CLIPS_TIMEOUT, watch::allAnnounced);
      long doneAt = watch.lastSeen();
      watch.quiet(QUIET);

      ServiceRun.Outcome outcome = run.outcome(watch.announced, watch.failedCount());
      Map<Integer, Integer> perInstance = renderedPerInstance(run);
      List<MovedRender> moved = movedRenders(run);
      int total = run.events().size();
      String details =
          String.format(
              "1 instance, %d clips published, 2 more started after the first clip (%d announced"
                  + " by then); scaled back to 1 (SIGTERM of instances 3 and 2) once each had"
                  + " rendered a clip, %d clips left then; clips rendered per instance %s; %.0f"
                  + " clips/min from publish to the last clip, %.0f clips/min after the scale-up;"
                  + " renders in flight when their task moved away (result dropped, rendered"
                  + " again by the new owner, announced once): %s",
              total,
              beforeScale,
              leftAtScaleDown,
              perInstance,
              total * 60_000.0 / Math.max(1, doneAt - publishedAt),
              (total - beforeScale) * 60_000.0 / Math.max(1, doneAt - scaledAt),
              moved.isEmpty() ? "none" : moved);
      // Scale to zero, as before a replay: every instance leaves its groups on SIGTERM, so the
      // groups are empty at once and kafka-streams-application-reset may run right away.
      details +=
          String.format(
              "; clips in flight announced by the stopping instances before they left: %d",
              added.stream().mapToInt(ScaleOutIT::drainedAtStop).sum());
      assertStoppedCleanly(first, watch.stop(first));
      long emptyAfter = watch.groupsEmptyAfterStop(run);
      details += String.format("; all stopped: groups empty %d ms after the last exit", emptyAfter);
      report("scale 1 to 3 with a backlog, then 3 to 1, then 0", outcome, "-", details);
      assertThat(outcome.perfect()).as("%s; %s", outcome, outcome.problems()).isTrue();
      assertThat(perInstance.keySet())
          .as("the backlog drains on all three instances")
          .hasSize(INSTANCES);
      assertThat(leftAtScaleDown)
          .as("clips still to render when scaling back to one (the survivor renders them)")
          .isPositive();
      // A stopping instance announces its renders in flight before it leaves
      // (render.stop.drain.ms),
      // so renders move only at the scale-up, when the rebalance takes a rendering task away; the
      // deterministic case is RendererTopologyTest's task-moved test.
      assertThat(moved)
          .as("renders in flight on an instance whose task moved (scale-up or scale-down)")
          .allSatisfy(
              m -> {
                assertThat(watch.announcedCount(m.clipId()))
                    .as("announcements of %s", m)
                    .isEqualTo(1);
                assertThat(m.renderedAgainBy())
                    .as("instances that rendered %s again after the move", m)
                    .isNotEmpty();
              });
      assertThat(Duration.ofMillis(emptyAfter))
          .as("the groups are empty right after the instances stopped (no session timeout)")
          .isLessThan(Duration.ofSeconds(5));
      run.deleteFiles();
    } finally {
      run.close();
    }
  }

  /**
   * The benchmark of docs/scaling.md, opt-in ({@code -Dclipstream.bench.scale=true}): the same
   * backlog (the sample's events {@code clipstream.bench.scale.copies} times, 2 by default: 42
   * clips on six cameras) published to 1, then 2, then 3 instances already running, each on fresh
   * topics; clips per minute from the publish to the last clip. Rows go to {@code
   * target/scaling/throughput.md} with the load average before and after.
   */
  @Test
  @EnabledIfSystemProperty(named = "clipstream.bench.scale", matches = "true")
  @Timeout(value = 40, unit = TimeUnit.MINUTES)
  void benchmarkClipsPerMinuteWithOneTwoAndThreeInstances(
      RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) throws Exception {
    int copies = Integer.getInteger("clipstream.bench.scale.copies", 2);
    for (int instances = 1; instances <= INSTANCES; instances++) {
      ServiceRun run = scaleRun("scale-bench", kafka, registry, s3, copies);
      try (Watch watch = new Watch(run)) {
        List<CrashInstance> nodes = watch.startReady(instances);
        String loadBefore = loadAverage();
        run.publish();
        long publishedAt = System.currentTimeMillis();
        watch.until("every clip", ALL_CLIPS_TIMEOUT.multipliedBy(3), watch::allAnnounced);
        long doneAt = watch.lastSeen();
        String loadAfter = loadAverage();
        watch.quiet(QUIET);
        ServiceRun.Outcome outcome = run.outcome(watch.announced, watch.failedCount());
        double perMinute = run.events().size() * 60_000.0 / Math.max(1, doneAt - publishedAt);
        ServiceRun.appendRow(
            Path.of("target", "scaling", "throughput.md"),
            "THROUGHPUT",
            List.of("instances", "clips expected", "produced", "duplicates", "invalid", "failed"),
            Integer.toString(instances),
            outcome,
            List.of(
                String.format("%.1f", perMinute),
                String.format("%.1f s", (doneAt - publishedAt) / 1000.0),
                renderedPerInstance(run).toString(),
                loadBefore + " / " + loadAfter),
            List.of(
                "clips/min",
                "publish to last clip",
                "clips per instance",
                "load average (1 min) before / after"));
        assertThat(outcome.perfect()).as("%s; %s", outcome, outcome.problems()).isTrue();
        run.deleteFiles();
      } finally {
        run.close();
      }
    }
  }

  /** The 1-minute load average of the machine, as uptime shows it. */
  private static String loadAverage() throws IOException {
    return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  /** The renders in flight that {@code instance} let finish and announced when it was stopped. */
  private static int drainedAtStop(CrashInstance instance) {
    Matcher m = DRAINING.matcher(instance.logText());
    return m.find() && !instance.logText().contains(DRAIN_GAVE_UP)
        ? Integer.parseInt(m.group(1))
        : 0;
  }

  private static ServiceRun scaleRun(
      String kind, RealKafka kafka, RealSchemaRegistry registry, RealS3 s3, int copies)
      throws Exception {
    assertThat(ServiceRun.JAR)
        .as("the build packages target/clipstream.jar before integration tests")
        .exists();
    ServiceRun run =
        ServiceRun.create(
            kind,
            kafka.clientConfig(),
            registry.confluentUrl(),
            s3,
            copies,
            CAMERA_COPIES,
            PARTITIONS);
    // The product's defaults, not the fault tests' slow renders and long transactions.
    run.settings().put("render.preset", "veryfast");
    run.settings().remove("kafka.commit.interval.ms");
    run.settings().remove("group.session.timeout.ms");
    applyExtraSettings(run);
    return run;
  }

  /**
   * For comparing settings (docs/scaling.md): {@code -Dclipstream.scale.settings=key=value,...},
   * over the scenario's own.
   */
  private static void applyExtraSettings(ServiceRun run) {
    String extra = System.getProperty("clipstream.scale.settings", "");
    for (String pair : extra.split(",")) {
      if (!pair.isBlank()) {
        run.settings()
            .put(
                pair.substring(0, pair.indexOf('=')).trim(),
                pair.substring(pair.indexOf('=') + 1).trim());
      }
    }
  }

  /**
   * A JVM ended by SIGTERM exits with 128 + 15 once its shutdown hooks are done; the service's hook
   * logs "Stopped" when it has left the groups and closed everything.
   */
  private static void assertStoppedCleanly(CrashInstance instance, int status) {
    assertThat(status).as("exit status of %s after SIGTERM", instance).isIn(0, SIGTERM_STATUS);
    assertThat(instance.logText())
        .as("%s ran its shutdown to the end", instance)
        .contains("RunCommand - Stopped");
  }

  /**
   * When a survivor's renderer first logged one of {@code lost} as active after {@code t} (the
   * timestamp of its assignment line).
   */
  private static long reassignedAfter(
      long t, Set<Integer> lost, List<CrashInstance> nodes, CrashInstance victim) {
    long first = Long.MAX_VALUE;
    for (CrashInstance n : nodes) {
      if (n == victim) {
        continue;
      }
      for (String line : n.logText().lines().toList()) {
        Matcher m = RENDERER_TASKS.matcher(line);
        if (!m.find()) {
          continue;
        }
        long at = logTime(line);
        boolean takesOver =
            java.util.Arrays.stream(m.group(1).split(",\\s*"))
                .filter(task -> !task.isBlank())
                .map(task -> Integer.parseInt(task.substring(task.indexOf('_') + 1)))
                .anyMatch(lost::contains);
        if (at >= t && takesOver) {
          first = Math.min(first, at);
        }
      }
    }
    assertThat(first).as("a survivor took over partitions %s", lost).isLessThan(Long.MAX_VALUE);
    return first;
  }

  /**
   * An instance stopped in a rolling restart: when, the render-command partitions it owned and the
   * commands still pending on them then.
   */
  private record Handover(int instance, long stoppedAt, Set<Integer> partitions, int pending) {

    /** SIGTERM to the next clip of its partitions, seen read_committed, as a report fragment. */
    String nextClip(Watch watch) {
      String what = "instance " + instance + " (partitions " + partitions + ", " + pending;
      if (pending == 0) {
        return what + " pending): nothing due";
      }
      // The pending count is the watch's view at the SIGTERM: a clip committed just before it may
      // not have been read yet, and then nothing of these partitions comes after the stop.
      return watch
          .firstAnnouncedAfterIfAny(stoppedAt, partitions)
          .map(
              r ->
                  String.format("%s pending) %.1f s", what, (watch.seenAt(r) - stoppedAt) / 1000.0))
          .orElse(what + " pending): answered before the stop");
    }
  }

  /** The renderer's line when a task closes with renders in flight (RenderCommandProcessor). */
  private static final Pattern CLOSED_IN_FLIGHT =
      Pattern.compile("Task (\\S+) closing with \\d+ render\\(s\\) in flight \\[([^\\]]*)\\]");

  /**
   * A render in flight on instance {@code from} when its task closed there, and the instances that
   * rendered the clip again after that. The task may come back to {@code from} in a later round of
   * a cooperative rebalance: then {@code from} renders it again itself, and is listed when it
   * logged the clip twice after the close (the dropped render finishing, and the new one).
   */
  record MovedRender(String clipId, String task, int from, Set<Integer> renderedAgainBy) {
    @Override
    public String toString() {
      return clipId + " (task " + task + ", instance " + from + " -> " + renderedAgainBy + ")";
    }
  }

  /** Every render in flight when its task closed, from all instances' logs. */
  private static List<MovedRender> movedRenders(ServiceRun run) {
    List<MovedRender> moved = new ArrayList<>();
    for (CrashInstance n : run.instances()) {
      for (String line : n.logText().lines().toList()) {
        Matcher m = CLOSED_IN_FLIGHT.matcher(line);
        if (!m.find()) {
          continue;
        }
        long closedAt = logTime(line);
        for (String clip : m.group(2).split(",\\s*")) {
          Set<Integer> again = new TreeSet<>();
          for (CrashInstance other : run.instances()) {
            long renders = rendersAfter(other, clip, closedAt);
            if (renders >= (other.number() == n.number() ? 2 : 1)) {
              again.add(other.number());
            }
          }
          moved.add(new MovedRender(clip, m.group(1), n.number(), again));
        }
      }
    }
    return moved;
  }

  /** How many times the instance logged the clip as rendered at or after the given time. */
  private static long rendersAfter(CrashInstance instance, String clipId, long since) {
    return instance
        .logText()
        .lines()
        .filter(
            l -> {
              Matcher r = RENDERED.matcher(l);
              return r.find() && r.group(1).equals(clipId) && logTime(l) >= since;
            })
        .count();
  }

  /** The timestamp that starts a log line of the service, in epoch milliseconds. */
  private static long logTime(String line) {
    return java.time.OffsetDateTime.parse(line.substring(0, line.indexOf(' ')))
        .toInstant()
        .toEpochMilli();
  }

  /** The render-command partitions the instance's renderer owned last (its assignment log line). */
  private static Set<Integer> rendererPartitions(CrashInstance instance) {
    Matcher m = RENDERER_TASKS.matcher(instance.logText());
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    Set<Integer> partitions = new TreeSet<>();
    if (last != null && !last.isBlank()) {
      for (String task : last.split(",\\s*")) {
        partitions.add(Integer.parseInt(task.substring(task.indexOf('_') + 1)));
      }
    }
    return partitions;
  }

  private static List<String> rendered(CrashInstance instance) {
    List<String> clips = new ArrayList<>();
    Matcher m = RENDERED.matcher(instance.logText());
    while (m.find()) {
      clips.add(m.group(1));
    }
    return clips;
  }

  /** Clips rendered (stored) per instance number, from the logs of all its runs. */
  private static Map<Integer, Integer> renderedPerInstance(ServiceRun run) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (CrashInstance n : run.instances()) {
      int c = rendered(n).size();
      if (c > 0) {
        counts.merge(n.number(), c, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * Appends one row to {@code target/scaling/scaling.md}: scenario, outcome counts, time from the
   * kill to the next clip of the lost partitions, and what happened.
   */
  private static void report(
      String scenario, ServiceRun.Outcome outcome, String failover, String details) {
    ServiceRun.appendRow(
        Path.of("target", "scaling", "scaling.md"),
        "SCALING",
        List.of("scenario", "clips expected", "produced", "duplicates", "invalid", "failed"),
        scenario,
        outcome,
        List.of(failover, details),
        List.of("kill to next clip of the lost partitions", "what happened"));
  }

  /**
   * Reads clips.ready, clips.failed and the render commands (all read_committed) while a scenario
   * runs, noting when each clip-ready record was first seen.
   */
  private static final class Watch implements AutoCloseable {

    private final ServiceRun run;
    private final KafkaConsumer<String, ClipReady> ready;
    private final KafkaConsumer<String, ClipFailed> failed;
    private final KafkaConsumer<String, RenderCommand> commands;
    final List<ConsumerRecord<String, ClipReady>> announced = new ArrayList<>();
    private final List<Long> seenAt = new ArrayList<>();
    private final List<ConsumerRecord<String, ClipFailed>> failures = new ArrayList<>();

    /** Render-command partition of each clip id. */
    private final Map<String, Integer> partitionOf = new HashMap<>();

    Watch(ServiceRun run) {
      this.run = run;
      this.ready = run.consumer(ContractTopic.CLIPS_READY, ClipReady.class, "read_committed");
      this.failed = run.consumer(ContractTopic.CLIPS_FAILED, ClipFailed.class, "read_committed");
      this.commands =
          run.consumer(ContractTopic.RENDER_COMMANDS, RenderCommand.class, "read_committed");
    }

    void poll() {
      for (ConsumerRecord<String, ClipReady> r : ready.poll(Duration.ofMillis(20))) {
        announced.add(r);
        seenAt.add(System.currentTimeMillis());
      }
      failed.poll(Duration.ZERO).forEach(failures::add);
      commands
          .poll(Duration.ZERO)
          .forEach(r -> partitionOf.put(r.value().getClipId(), r.partition()));
    }

    void until(String what, Duration timeout, BooleanSupplier done) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        poll();
        if (done.getAsBoolean()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "No "
                  + what
                  + " within "
                  + timeout.toSeconds()
                  + " s; "
                  + announced.size()
                  + " clip(s) announced of "
                  + run.events().size()
                  + "; "
                  + failures.size()
                  + " failed; logs: "
                  + run.instances().stream().map(CrashInstance::log).toList()
                  + "\n"
                  + run.diagnostics());
        }
      }
    }

    void quiet(Duration d) {
      long until = System.nanoTime() + d.toNanos();
      while (System.nanoTime() < until) {
        poll();
      }
    }

    boolean allAnnounced() {
      Set<String> events =
          announced.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet());
      return events.containsAll(run.events());
    }

    /** Events with a clip announced or a failure published. */
    int answeredEvents() {
      Set<String> events = new java.util.HashSet<>();
      announced.forEach(r -> events.add(r.value().getEventId()));
      failures.forEach(r -> events.add(r.value().getEventId()));
      return events.size();
    }

    /** How many times {@code clipId} was announced on clips.ready. */
    long announcedCount(String clipId) {
      return announced.stream().filter(r -> r.value().getClipId().equals(clipId)).count();
    }

    int failedCount() {
      return failures.size();
    }

    /** Commands seen on {@code partitions} and not answered yet. */
    int pendingOn(Set<Integer> partitions) {
      Set<String> answered =
          announced.stream().map(r -> r.value().getClipId()).collect(Collectors.toSet());
      failures.forEach(r -> answered.add(r.value().getClipId()));
      return (int)
          partitionOf.entrySet().stream()
              .filter(e -> partitions.contains(e.getValue()))
              .filter(e -> !answered.contains(e.getKey()))
              .count();
    }

    /**
     * The first clip of {@code partitions} produced after {@code t} (its record's timestamp, the
     * renderer's clock).
     */
    ConsumerRecord<String, ClipReady> firstAnnouncedAfter(long t, Set<Integer> partitions) {
      return firstAnnouncedAfterIfAny(t, partitions)
          .orElseThrow(
              () -> new AssertionError("no clip of partitions " + partitions + " after the kill"));
    }

    java.util.Optional<ConsumerRecord<String, ClipReady>> firstAnnouncedAfterIfAny(
        long t, Set<Integer> partitions) {
      for (ConsumerRecord<String, ClipReady> r : announced) {
        Integer p = partitionOf.get(r.value().getClipId());
        if (r.timestamp() >= t && p != null && partitions.contains(p)) {
          return java.util.Optional.of(r);
        }
      }
      return java.util.Optional.empty();
    }

    /** When {@code record} was first seen committed. */
    long seenAt(ConsumerRecord<String, ClipReady> record) {
      return seenAt.get(announced.indexOf(record));
    }

    int announcedBetween(long from, long to) {
      return (int) seenAt.stream().filter(t -> t >= from && t <= to).count();
    }

    /**
     * The longest time without a new clip in [from, to] while clips were still due: from {@code
     * from} to the first clip, between clips, and from the last clip to {@code to} only when some
     * clip was still unannounced at {@code to} (once all are out, the quiet is not a stall).
     */
    long longestGap(long from, long to) {
      long previous = from;
      long longest = 0;
      for (long t : seenAt) {
        if (t < from || t > to) {
          continue;
        }
        longest = Math.max(longest, t - previous);
        previous = t;
      }
      boolean allOutByThen =
          seenAt.stream().filter(t -> t <= to).count() >= run.events().size() && allAnnounced();
      return allOutByThen ? longest : Math.max(longest, to - previous);
    }

    long lastSeen() {
      return seenAt.isEmpty() ? System.currentTimeMillis() : seenAt.get(seenAt.size() - 1);
    }

    /** Starts {@code count} instances of the run and waits until each is ready. */
    List<CrashInstance> startReady(int count) throws IOException, InterruptedException {
      List<CrashInstance> nodes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        nodes.add(run.start());
      }
      for (CrashInstance n : nodes) {
        awaitReady(n);
      }
      return nodes;
    }

    /** Polls while waiting for {@code instance} to answer /health/ready with 200; ms it took. */
    long awaitReady(CrashInstance instance) throws InterruptedException {
      long start = System.currentTimeMillis();
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (true) {
        poll();
        if (!instance.isAlive()) {
          throw new AssertionError(
              instance + " exited while starting; log tail:\n" + instance.logTail(40));
        }
        if (status(instance, HttpPaths.READY) == 200) {
          return System.currentTimeMillis() - start;
        }
        assertThat(System.nanoTime())
            .as("%s ready within %s; log tail:\n%s", instance, READY_TIMEOUT, instance.logTail(30))
            .isLessThan(deadline);
        Thread.sleep(100);
      }
    }

    /**
     * Milliseconds until both groups of the run ({@code <application.id>-planner} and {@code
     * -renderer}) have no member, asked right after the instances exited; fails after 60 s.
     */
    long groupsEmptyAfterStop(ServiceRun run) throws Exception {
      long start = System.currentTimeMillis();
      List<String> groups = List.of(run.label() + "-planner", run.label() + "-renderer");
      try (Admin admin = Admin.create(run.kafkaClient())) {
        while (true) {
          boolean empty =
              admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS).values().stream()
                  .allMatch(g -> g.members().isEmpty());
          if (empty) {
            return System.currentTimeMillis() - start;
          }
          assertThat(System.currentTimeMillis() - start)
              .as("groups %s still have members 60 s after the instances stopped", groups)
              .isLessThan(60_000);
          Thread.sleep(100);
        }
      }
    }

    /** SIGTERM, then polls until the process exits; its exit status. */
    int stop(CrashInstance instance) throws InterruptedException {
      ProcessHandle.of(instance.pid()).ifPresent(ProcessHandle::destroy);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (instance.isAlive()) {
        poll();
        assertThat(System.nanoTime())
            .as("%s exits within 60 s of SIGTERM", instance)
            .isLessThan(deadline);
      }
      return instance.exitStatus().orElseThrow();
    }

    private static int status(CrashInstance instance, String path) throws InterruptedException {
      try {
        return HTTP.send(
                HttpRequest.newBuilder(instance.httpBase().resolve(path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
      } catch (IOException e) {
        return -1; // not listening yet
      }
    }

    @Override
    public void close() {
      ready.close();
      failed.close();
      commands.close();
    }
  }
}
