package io.clipstream.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.streams.DeadLetterRecords;
import io.clipstream.streams.DeadLetterTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class PlannerProcessingHandlerTest {

  private final PlannerProcessingHandler handler = new PlannerProcessingHandler();

  PlannerProcessingHandlerTest() {
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq"));
  }

  @Test
  void shouldDeadLetterRefusedInputStampedWithTheTimeOfWriting() {
    // A bad segment of a replay: its (planner) timestamp is the data's, years ago; time-based
    // retention of the dead-letter topic would delete a record carrying it at once.
    long recorded = Instant.parse("2024-05-24T09:00:00Z").toEpochMilli();
    byte[] value = {0, 0, 0, 0, 1, 2};
    long before = System.currentTimeMillis();

    ProcessingExceptionHandler.Response response =
        handler.handleError(
            new DeadLetterTestContext(recorded, "cam-1".getBytes(StandardCharsets.UTF_8), value),
            new Record<>("cam-1", null, recorded),
            new InvalidInputException("Segment x of camera 'cam-1' ends before it starts"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
    assertThat(dead.value()).isEqualTo(value);
    assertThat(dead.timestamp()).isBetween(before, System.currentTimeMillis());
    assertThat(dead.headers().lastHeader(DeadLetterRecords.ORIGINAL_TIMESTAMP).value())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo(Long.toString(recorded));
    assertThat(dead.headers().lastHeader("__streams.errors.message").value())
        .asString(StandardCharsets.UTF_8)
        .contains("ends before it starts");
  }

  @Test
  void shouldFailTheThreadOnAnythingElse() {
    ProcessingExceptionHandler.Response response =
        handler.handleError(
            new DeadLetterTestContext(0, null, null),
            new Record<>("cam-1", null, 0),
            new IllegalStateException("a bug"));
    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }
}
