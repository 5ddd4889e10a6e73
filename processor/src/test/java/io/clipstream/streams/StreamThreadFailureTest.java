package io.clipstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailureTest {

  @Test
  void aSessionTimeoutTheBrokerRefusedIsExplainedWithTheKeysToChange() {
    Throwable refused =
        new StreamsException(
            new KafkaException(
                "Unexpected error in join group response",
                new InvalidSessionTimeoutException(
                    "The session timeout is not within the range allowed by the broker")));

    assertThat(StreamThreadFailure.describe("renderer", refused))
        .startsWith("The renderer's stream thread failed; shutting the renderer down")
        .contains(
            "group.session.timeout.ms",
            "group.min.session.timeout.ms on every broker",
            "6000 and 1800000 on a stock broker");
  }

  @Test
  void anyOtherFailureNamesTheRoleWithoutAGuess() {
    assertThat(StreamThreadFailure.describe("planner", new IllegalStateException("boom")))
        .isEqualTo(
            "The planner's stream thread failed; shutting the planner down so the process exits"
                + " and is restarted");
  }

  @Test
  void theHandlerShutsTheWholeClientDown() {
    assertThat(
            StreamThreadFailure.shutDownClient("ingest")
                .handle(new InvalidSessionTimeoutException("refused")))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }
}
