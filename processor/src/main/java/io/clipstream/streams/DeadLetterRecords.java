package io.clipstream.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records stamped with the time they are written.
 *
 * <p>Kafka Streams gives a dead-letter record the timestamp of the record that failed, and the
 * planner's timestamps are the times the data speaks of: the dead-letter record of a bad segment
 * replayed from last month carries last month's time, and time-based retention of the dead-letter
 * topic (7 days by default) deletes it at once, before anyone could read it. The original timestamp
 * is kept in the {@value #ORIGINAL_TIMESTAMP} header.
 */
public final class DeadLetterRecords {

  /** Header with the failed record's own timestamp (epoch milliseconds, decimal). */
  public static final String ORIGINAL_TIMESTAMP = "clipstream.errors.original.timestamp";

  private DeadLetterRecords() {}

  /** {@code records} with timestamp {@code nowMs} and their original timestamp in a header. */
  public static List<ProducerRecord<byte[], byte[]>> stamped(
      List<ProducerRecord<byte[], byte[]>> records, long nowMs) {
    return records.stream().map(r -> stamped(r, nowMs)).toList();
  }

  private static ProducerRecord<byte[], byte[]> stamped(
      ProducerRecord<byte[], byte[]> record, long nowMs) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    if (record.timestamp() != null) {
      headers.remove(ORIGINAL_TIMESTAMP);
      headers.add(
          ORIGINAL_TIMESTAMP, Long.toString(record.timestamp()).getBytes(StandardCharsets.UTF_8));
    }
    return new ProducerRecord<>(
        record.topic(), record.partition(), nowMs, record.key(), record.value(), headers);
  }
}
