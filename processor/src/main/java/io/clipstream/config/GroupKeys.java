package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.streams.StandbyAwareStickyAssignor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;

/**
 * How instances with the same {@code application.id} share the work and take it over from one
 * another (docs/scaling.md). The defaults aim at a lost instance's cameras rendering again within
 * about ten seconds: the broker notices a silent member after the session timeout (its minimum, 6
 * s, by default), and standby replicas let a survivor take a task over without rebuilding its
 * stores from the changelogs.
 */
final class GroupKeys {

  static final String INSTANCE_ID = "instance.id";
  static final String SESSION_TIMEOUT_MS = "group.session.timeout.ms";
  static final String HEARTBEAT_INTERVAL_MS = "group.heartbeat.interval.ms";
  static final String STANDBY_REPLICAS = "standby.replicas";
  static final String TASK_ASSIGNOR = "group.task.assignor";
  static final String FENCE_DEAD_TRANSACTIONS = "group.fence.dead.transactions";
  static final String FENCE_CHECK_INTERVAL_MS = "group.fence.check.interval.ms";

  /** {@link StandbyAwareStickyAssignor}: a lost task runs where its standby copy is. */
  static final String STANDBY_STICKY = "standby-sticky";

  /** Kafka Streams' own default, with warm-up replicas for large state. */
  static final String HIGH_AVAILABILITY = "high-availability";

  /**
   * The broker's default {@code group.min.session.timeout.ms}: a stock broker refuses shorter
   * sessions, so it is the default here.
   */
  static final int BROKER_MIN_SESSION_MS = 6000;

  /** Shorter sessions than this end on a single late heartbeat of a busy node. */
  static final int SHORTEST_SESSION_MS = 1000;

  private GroupKeys() {}

  static ConfigDef define(ConfigDef def) {
    return def.define(
            INSTANCE_ID,
            Type.STRING,
            "",
            Checks.of(
                "empty, or letters, digits, '.', '_' and '-'",
                v -> v.toString().matches("[A-Za-z0-9._-]{0,200}") ? null : "invalid characters"),
            HIGH,
            "Stable name of this instance, unique among the instances of one application.id (the"
                + " StatefulSet pod name, e.g. from the downward API): static group membership, so"
                + " a restarted instance gets its own tasks back without reshuffling the others."
                + " Empty: dynamic membership (every start is a new member).")
        .define(
            SESSION_TIMEOUT_MS,
            Type.INT,
            BROKER_MIN_SESSION_MS,
            Checks.between(SHORTEST_SESSION_MS, 1_800_000),
            HIGH,
            "How long the broker waits for a silent instance (killed, frozen, cut off) before"
                + " giving its tasks to the others: the first part of the failover time. 6000 is"
                + " a stock broker's minimum (group.min.session.timeout.ms); a shorter one (3000"
                + " halves it, docs/scaling.md) needs that broker setting lowered too, or the"
                + " broker refuses the instance. Raise it where long pauses (GC, a saturated"
                + " node) cause needless rebalances. Milliseconds.")
        .define(
            HEARTBEAT_INTERVAL_MS,
            Type.INT,
            1500,
            Checks.between(100, 600_000),
            MEDIUM,
            "How often each instance tells the broker it is alive; at most a third of"
                + " group.session.timeout.ms. Milliseconds.")
        .define(
            STANDBY_REPLICAS,
            Type.INT,
            1,
            Checks.between(0, 10),
            HIGH,
            "Warm copies of each task's state (pending render commands, the planner's windows)"
                + " kept on other instances (Kafka Streams num.standby.replicas), so a survivor"
                + " takes a lost task over without restoring it from the changelogs. Has no effect"
                + " while one instance runs; costs one more copy of the state per replica.")
        .define(
            TASK_ASSIGNOR,
            Type.STRING,
            STANDBY_STICKY,
            Checks.of(
                STANDBY_STICKY
                    + ", "
                    + HIGH_AVAILABILITY
                    + " or the class name of a Kafka Streams TaskAssignor (KIP-924)",
                GroupKeys::assignorProblem),
            MEDIUM,
            "Which instance runs which task after a rebalance. "
                + STANDBY_STICKY
                + ": tasks stay with their live owners, and a lost instance's tasks go to the"
                + " survivors holding their standby copies, in one rebalance round (the failover"
                + " time of docs/scaling.md); no warm-up replicas, right for Clipstream's small"
                + " state. "
                + HIGH_AVAILABILITY
                + ": Kafka Streams' default assignor, which warms a copy up before moving a"
                + " task: for gigabytes of state per task; it may move healthy tasks and take a"
                + " second rebalance round to fail over. A class name: that assignor (e.g."
                + " org.apache.kafka.streams.processor.assignment.assignors.StickyTaskAssignor).")
        .define(
            FENCE_DEAD_TRANSACTIONS,
            Type.BOOLEAN,
            true,
            MEDIUM,
            "While a role rebalances, abort the open exactly-once transactions of instances that"
                + " left its group (killed inside a transaction) by fencing their transactional"
                + " ids, as a restart of that instance would: otherwise the survivors wait up to"
                + " 20 s (transaction.timeout.ms plus the broker's abort check) before they can"
                + " start its tasks. Transactions of live members are never touched. Needs"
                + " DESCRIBE and WRITE on the application's TransactionalId prefix and DESCRIBE on"
                + " its group (docs/scaling.md).")
        .define(
            FENCE_CHECK_INTERVAL_MS,
            Type.INT,
            500,
            Checks.between(100, 10_000),
            MEDIUM,
            "How often a rebalancing role looks for open transactions of instances that left"
                + " its group (group.fence.dead.transactions): one ListTransactions request to"
                + " each broker per check, only while rebalancing. Milliseconds.");
  }

  /** How often to look for dead members' transactions while rebalancing; empty when off. */
  static Optional<Duration> fenceInterval(AbstractConfig values) {
    return values.getBoolean(FENCE_DEAD_TRANSACTIONS)
        ? Optional.of(Duration.ofMillis(values.getInt(FENCE_CHECK_INTERVAL_MS)))
        : Optional.empty();
  }

  private static String assignorProblem(Object value) {
    String v = value.toString().trim();
    if (v.equals(STANDBY_STICKY) || v.equals(HIGH_AVAILABILITY)) {
      return null;
    }
    try {
      Class<?> c = Class.forName(v, false, GroupKeys.class.getClassLoader());
      return TaskAssignor.class.isAssignableFrom(c)
          ? null
          : "class " + v + " is not a " + TaskAssignor.class.getName();
    } catch (ClassNotFoundException e) {
      return "no class " + v + " on the class path (a typo of " + STANDBY_STICKY + "?)";
    }
  }

  /** A problem with the heartbeat against the session timeout, or null. */
  static String problem(AbstractConfig values) {
    int session = values.getInt(SESSION_TIMEOUT_MS);
    int heartbeat = values.getInt(HEARTBEAT_INTERVAL_MS);
    return heartbeat * 3 > session
        ? HEARTBEAT_INTERVAL_MS
            + " = "
            + heartbeat
            + " is more than a third of "
            + SESSION_TIMEOUT_MS
            + " = "
            + session
            + ": one late heartbeat would end the session; lower it or raise the session timeout"
        : null;
  }

  /** The Kafka Streams settings these keys stand for. */
  static Map<String, Object> streamsProperties(AbstractConfig values) {
    Map<String, Object> props = new LinkedHashMap<>();
    String instance = values.getString(INSTANCE_ID);
    if (!instance.isBlank()) {
      // Kafka Streams appends the stream thread's index to it for each consumer.
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
    }
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, values.getInt(SESSION_TIMEOUT_MS));
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, values.getInt(HEARTBEAT_INTERVAL_MS));
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, values.getInt(STANDBY_REPLICAS));
    String assignor = values.getString(TASK_ASSIGNOR).trim();
    if (assignor.equals(STANDBY_STICKY)) {
      props.put(
          StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, StandbyAwareStickyAssignor.class.getName());
    } else if (!assignor.equals(HIGH_AVAILABILITY)) {
      props.put(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, assignor);
    } // high-availability: no task.assignor.class, Kafka Streams' built-in default
    return props;
  }
}
