package io.clipstream.planner;

import io.clipstream.streams.DeadLetterRecords;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Input the planner rejects ({@link InvalidInputException}) goes to the dead-letter topic, with the
 * reason in the {@code __streams.errors.*} headers and the time of writing as its timestamp ({@link
 * DeadLetterRecords}), and processing continues. Any other exception is a bug or an infrastructure
 * failure: it fails the stream thread instead of silently dropping records.
 */
public class PlannerProcessingHandler extends LogAndContinueProcessingExceptionHandler {

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException) {
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
