package io.clipstream.embedded;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** What a broker serves of a topic, for callers that have just created it. */
public final class TopicMetadata {

  private TopicMetadata() {}

  /**
   * The partition count of {@code topic} as the broker serves it. The controller has a topic as
   * soon as {@code createTopics} completes, the broker a moment later, once it has applied that
   * metadata: until then it answers "unknown topic", so this asks again for up to {@code wait}.
   *
   * @throws IllegalStateException naming the topic and the cause if it cannot be described
   * @throws InterruptedException if interrupted while waiting
   */
  public static int servedPartitionCount(Admin admin, String topic, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        return admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get()
            .get(topic)
            .partitions()
            .size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Cannot describe topic " + topic + ": " + e.getCause(), e.getCause());
        }
      }
      Thread.sleep(50);
    }
  }
}
