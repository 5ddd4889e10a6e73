package io.clipstream.streams;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Input a topology rejects (an exception {@link #rejected} recognises anywhere in the cause chain)
 * goes to the dead-letter topic, with the reason in the {@code __streams.errors.*} headers and the
 * time of writing as its timestamp ({@link DeadLetterRecords}), and processing continues. Any other
 * exception is a bug or an infrastructure failure: it fails the stream thread instead of silently
 * dropping records.
 */
public abstract class RejectedInputHandler extends LogAndContinueProcessingExceptionHandler {

  /** True for the exception type that means "this record is unusable", not "we are broken". */
  protected abstract boolean rejected(Throwable t);

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (rejected(t)) {
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
