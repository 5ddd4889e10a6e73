package io.clipstream.ingest;

import io.clipstream.streams.DeadLetterRecords;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A message the ingest role cannot translate ({@link UnmappableMessageException}) goes to the
 * dead-letter topic with the original bytes and the reason in the {@code __streams.errors.*}
 * headers, stamped with the time of writing ({@link DeadLetterRecords}); the role goes on. Any
 * other exception is a bug or an infrastructure failure and stops the stream thread.
 */
public class IngestProcessingHandler extends LogAndContinueProcessingExceptionHandler {

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof UnmappableMessageException) {
        Response response = super.handleError(context, record, exception);
        return response.result() == Result.RESUME
            ? Response.resume(
                DeadLetterRecords.stamped(
                    response.deadLetterQueueRecords(), System.currentTimeMillis()))
            : response;
      }
    }
    return Response.fail();
  }
}
