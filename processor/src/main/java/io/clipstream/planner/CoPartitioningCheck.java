package io.clipstream.planner;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Startup check that the planner's inputs are co-partitioned. The planner joins detections, events
 * and segments of a camera inside one task, which works only when the three topics have the same
 * number of partitions (and their producers partition by camera id with the same partitioner).
 * Kafka Streams does not check this for Processor API sources, so a mismatch would silently pair
 * one camera's events with another's detections.
 */
public final class CoPartitioningCheck {

  private CoPartitioningCheck() {}

  /**
   * Partition counts of {@code topics}; fails with a clear message when they differ or are missing.
   */
  public static Map<String, Integer> verify(
      Admin admin, Collection<String> topics, Duration timeout) {
    Map<String, TopicDescription> described;
    try {
      described =
          admin
              .describeTopics(topics)
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalStateException(
            "The planner's input topics "
                + topics
                + " must exist before it starts (one of them does"
                + " not: "
                + e.getCause().getMessage()
                + "); create them with the same number of"
                + " partitions",
            e.getCause());
      }
      throw new IllegalStateException(
          "Cannot describe the planner's input topics " + topics + ": " + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not describe the planner's input topics " + topics + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking co-partitioning of " + topics, e);
    }
    Map<String, Integer> counts = new TreeMap<>();
    described.forEach((topic, d) -> counts.put(topic, d.partitions().size()));
    if (counts.values().stream().distinct().count() > 1) {
      int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      throw new IllegalStateException(
          "The planner's input topics must have the same number of partitions, because it joins"
              + " them by camera id within one partition: found "
              + counts
              + ". Give every one of"
              + " them "
              + max
              + " partitions (kafka-topics.sh --alter --topic <t> --partitions "
              + max
              + "; note that adding partitions moves cameras, so replay or start with empty"
              + " planner state), or recreate them with equal counts.");
    }
    return counts;
  }
}
