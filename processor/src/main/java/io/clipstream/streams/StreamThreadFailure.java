package io.clipstream.streams;

import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a role does when one of its stream threads dies: it logs why, in the operator's terms where
 * the cause is a setting, and shuts its Kafka Streams client down, so that the process exits and is
 * restarted rather than running with a part of its partitions unserved.
 */
public final class StreamThreadFailure {

  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailure.class);

  private StreamThreadFailure() {}

  /** The handler for the client of {@code role} ("renderer", "planner", "ingest"). */
  public static StreamsUncaughtExceptionHandler shutDownClient(String role) {
    return e -> {
      LOG.error(describe(role, e), e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    };
  }

  /** The log line for a stream thread of {@code role} that died of {@code failure}. */
  static String describe(String role, Throwable failure) {
    String line =
        "The "
            + role
            + "'s stream thread failed; shutting the "
            + role
            + " down so the process exits and is restarted";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidSessionTimeoutException) {
        return line
            + ". The broker refused the group session timeout: group.session.timeout.ms must lie"
            + " between the brokers' group.min.session.timeout.ms and group.max.session.timeout.ms"
            + " (6000 and 1800000 on a stock broker). Raise group.session.timeout.ms, or lower"
            + " group.min.session.timeout.ms on every broker (docs/scaling.md)";
      }
    }
    return line;
  }
}
