package io.clipstream.bench;

import io.clipstream.config.Role;
import io.clipstream.topics.ContractTopic;
import io.micrometer.core.instrument.Gauge;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, every few seconds on its own thread, how far the service is behind and how much memory
 * the process holds: the planner's consumer lag on its three input topics (last stable offset minus
 * committed offset, summed over partitions: what {@code kafka-consumer-groups --describe} shows),
 * the renderer's lag on {@code clips.render-commands}, the renderer's backlog ({@code
 * clipstream.render.backlog}, read from the app's Micrometer registry: commands accepted and not
 * yet answered), resident memory (VmRSS) and heap used.
 */
final class LagSampler implements AutoCloseable {

  static final List<String> INPUTS =
      List.of(
          ContractTopic.DETECTIONS.defaultName(),
          ContractTopic.SEGMENTS.defaultName(),
          ContractTopic.EVENTS.defaultName());
  static final String COMMANDS = ContractTopic.RENDER_COMMANDS.defaultName();

  /**
   * One sample.
   *
   * @param seconds since the start of the run (negative: before it)
   * @param inputLag records of the three inputs not yet committed by the planner
   * @param commandLag render commands not yet committed by the renderer
   * @param backlog the renderer's backlog gauge
   * @param rssKib VmRSS
   * @param heapBytes heap used
   */
  record Sample(
      double seconds, long inputLag, long commandLag, double backlog, long rssKib, long heapBytes) {

    /** What waits for the renderer: commands not yet read plus commands accepted, not answered. */
    double renderQueue() {
      return commandLag + backlog;
    }
  }

  private final Admin admin;
  private final String plannerGroup;
  private final String rendererGroup;
  private final Gauge backlog;
  private final long periodMs;
  private final long originMillis;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Exception lastError;

  LagSampler(PipelineRig rig, long periodMs, long originMillis) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                rig.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "clipstream-bench-lag"));
    this.plannerGroup = rig.group(Role.PLANNER);
    this.rendererGroup = rig.group(Role.RENDERER);
    this.backlog = rig.meters().get("clipstream.render.backlog").gauge();
    this.periodMs = periodMs;
    this.originMillis = originMillis;
    this.thread = new Thread(this::run, "bench-lag-sampler");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The last error of a look-up (a sample is skipped when its look-up fails), or null. */
  Exception lastError() {
    return lastError;
  }

  private void run() {
    long next = System.currentTimeMillis();
    while (!stopped) {
      try {
        samples.add(sample());
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        lastError = e;
      }
      next += periodMs;
      long left = next - System.currentTimeMillis();
      try {
        Thread.sleep(Math.max(0, left));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Sample sample() throws Exception {
    long now = System.currentTimeMillis();
    long inputLag = lag(plannerGroup, INPUTS);
    long commandLag = lag(rendererGroup, List.of(COMMANDS));
    return new Sample(
        (now - originMillis) / 1000.0,
        inputLag,
        commandLag,
        backlog.value(),
        Rss.currentKib(),
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  /** Last stable offsets minus the group's committed offsets, over every partition of topics. */
  private long lag(String group, List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    for (String topic : topics) {
      for (int p = 0; p < PipelineRig.PARTITIONS; p++) {
        ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    var latest =
        admin
            .listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(10, TimeUnit.SECONDS);
    long lag = 0;
    for (TopicPartition tp : ends.keySet()) {
      OffsetAndMetadata c = committed.get(tp);
      long end = latest.get(tp).offset();
      lag += Math.max(0, end - (c == null ? 0 : c.offset()));
    }
    return lag;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(15_000);
    admin.close();
  }
}
