package io.clipstream.streams;

import io.clipstream.serde.AvroSerdeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unreadable input goes to the dead-letter topic and processing continues; a broken registry or
 * configuration stops the service instead.
 *
 * <p>The dead-letter record itself (original key and value bytes, exception, message, stack trace,
 * topic, partition and offset in {@code __streams.errors.*} headers) is built by Kafka Streams'
 * {@link LogAndContinueExceptionHandler} when {@code errors.dead.letter.queue.topic.name} is set.
 * What it cannot know is that a registry outage also surfaces as a deserialization error: sending
 * every record to the dead-letter topic while the registry is down would lose the whole stream. The
 * registry client already waits out short outages ({@code registry.unavailable.retry.timeout.ms});
 * failures that {@link AvroSerdeException#isRecordProblem()} says are not the record's fault and
 * that outlast that wait fail the thread, and the process exits to be restarted. Dead-letter
 * records are stamped with the time they are written ({@link DeadLetterRecords}).
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof AvroSerdeException avro && !avro.isRecordProblem()) {
        LOG.error(
            "Cannot read {}-{}@{} because of the registry or configuration, not the record;"
                + " stopping rather than dead-lettering every record: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            avro.getMessage());
        return Response.fail();
      }
    }
    Response response = super.handleError(context, record, exception);
    return response.result() == Result.RESUME
        ? Response.resume(
            DeadLetterRecords.stamped(
                response.deadLetterQueueRecords(), System.currentTimeMillis()))
        : response;
  }
}
