package io.clipstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

  private static final long LAST_MONTH = Instant.parse("2024-05-24T09:00:00Z").toEpochMilli();

  @Test
  void shouldStampTheDeadLetterRecordWithTheTimeOfWritingSoThatRetentionKeepsIt() {
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq"));
    byte[] key = "cam-1".getBytes(StandardCharsets.UTF_8);
    byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
    long before = System.currentTimeMillis();

    DeserializationExceptionHandler.Response response =
        handler.handleError(
            new DeadLetterTestContext(LAST_MONTH, key, value),
            new ConsumerRecord<>("cv.segments", 1, 7, key, value),
            new SerializationException("not Confluent wire format"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
    assertThat(dead.topic()).isEqualTo("dlq");
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.value()).isEqualTo(value);
    assertThat(dead.timestamp()).isBetween(before, System.currentTimeMillis());
    assertThat(
            new String(
                dead.headers().lastHeader(DeadLetterRecords.ORIGINAL_TIMESTAMP).value(),
                StandardCharsets.UTF_8))
        .isEqualTo(Long.toString(LAST_MONTH));
    assertThat(dead.headers().lastHeader("__streams.errors.message").value())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("not Confluent wire format");
  }
}
