package io.clipstream.planner;

import io.clipstream.streams.InstanceTasks;
import io.clipstream.streams.StreamThreadFailure;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the planner: checks co-partitioning, logs the topology, starts Kafka Streams. A stream
 * thread that dies takes the client down (SHUTDOWN_CLIENT) so the process can exit non-zero and be
 * restarted, rather than limp on with fewer threads.
 */
public final class PlannerService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlannerService.class);
  private final KafkaStreams streams;
  private final InstanceTasks tasks;

  private PlannerService(KafkaStreams streams, InstanceTasks tasks) {
    this.streams = streams;
    this.tasks = tasks;
  }

  /** Starts the planner with {@code streamsConfig} (see {@link PlannerStreamsConfig}). */
  public static PlannerService start(
      PlannerSettings settings, PlannerSerdes serdes, Properties streamsConfig) {
    Properties adminConfig = new Properties();
    adminConfig.putAll(streamsConfig);
    try (Admin admin = Admin.create(adminConfig)) {
      LOG.info(
          "Planner inputs co-partitioned: {}",
          CoPartitioningCheck.verify(admin, settings.topics().inputs(), Duration.ofSeconds(30)));
    }
    Topology topology = PlannerTopology.build(settings, serdes);
    LOG.debug("Planner topology:\n{}", topology.describe());
    KafkaStreams streams = new KafkaStreams(topology, streamsConfig);
    streams.setUncaughtExceptionHandler(StreamThreadFailure.shutDownClient("planner"));
    InstanceTasks tasks = InstanceTasks.watch("planner", streams);
    streams.start();
    return new PlannerService(streams, tasks);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The client, for its metrics. */
  public KafkaStreams streams() {
    return streams;
  }

  /** The client's tasks, for the per-instance meters. */
  public InstanceTasks tasks() {
    return tasks;
  }

  /** Stops the planner; it leaves its group at once, so its partitions move now. */
  @Override
  public void close() {
    tasks.closeLeavingGroup(Duration.ofSeconds(30));
  }
}
