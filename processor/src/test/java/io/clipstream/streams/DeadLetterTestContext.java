package io.clipstream.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/** The context Kafka Streams gives an exception handler, for a record of {@code timestamp}. */
public record DeadLetterTestContext(long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
    implements ErrorHandlerContext {

  @Override
  public String topic() {
    return "cv.segments";
  }

  @Override
  public int partition() {
    return 1;
  }

  @Override
  public long offset() {
    return 7;
  }

  @Override
  public Headers headers() {
    return new RecordHeaders();
  }

  @Override
  public String processorNodeId() {
    return "planner-store-segments";
  }

  @Override
  public TaskId taskId() {
    return new TaskId(0, 1);
  }
}
