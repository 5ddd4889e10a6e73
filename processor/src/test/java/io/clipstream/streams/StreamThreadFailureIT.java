package io.clipstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.WithRealComponents;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/** What an operator reads when the broker refuses the group session timeout a role asked for. */
@WithRealComponents
class StreamThreadFailureIT {

  @Test
  void shouldExplainASessionTimeoutBelowTheBrokersMinimumAndStopTheClient(RealKafka kafka)
      throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String input = "session-in-" + id;
    kafka.createTopic(input, 1);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .to("session-out-" + id, Produced.with(Serdes.String(), Serdes.String()));
    Properties config =
        StreamsDefaults.exactlyOnce(
            "session-it-" + id,
            kafka.bootstrapServers(),
            Files.createTempDirectory("session-it"),
            "session-dlq-" + id);
    int refused = RealKafka.MIN_SESSION_TIMEOUT_MS - 1000;
    config.put("session.timeout.ms", refused);
    config.put("heartbeat.interval.ms", refused / 4);
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);

    CompletableFuture<String> logged = new CompletableFuture<>();
    try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
      var handler = StreamThreadFailure.shutDownClient("renderer");
      streams.setUncaughtExceptionHandler(
          e -> {
            logged.complete(StreamThreadFailure.describe("renderer", e));
            return handler.handle(e);
          });
      streams.start();

      assertThat(logged.get(60, TimeUnit.SECONDS))
          .as("the line logged for a session timeout of %d ms", refused)
          .contains(
              "The broker refused the group session timeout",
              "group.min.session.timeout.ms on every broker");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (streams.state() != KafkaStreams.State.ERROR && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(streams.state()).as("the client shut down").isEqualTo(KafkaStreams.State.ERROR);
    }
  }
}
