package io.clipstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a role gets a fencer at all; what it fences is proven on the broker (the IT). */
class DeadMemberTransactionFencerTest {

  @TempDir Path stateDir;

  @Test
  void shouldFenceForAnExactlyOnceClientWithKafkaStreamsOwnClientIds() {
    assertThat(fencerFor(config())).isPresent();
  }

  @Test
  void shouldNotFenceWhenTheUserSetTheClientIdBecauseProcessIdsCannotBeMatched() {
    Properties config = config();
    config.put(StreamsConfig.CLIENT_ID_CONFIG, "renderer-0");
    assertThat(fencerFor(config)).isEmpty();
  }

  @Test
  void shouldNotFenceUnderTheStreamsRebalanceProtocolWhoseMembersTheConsumerGroupApiDoesNotList() {
    Properties config = config();
    config.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
    assertThat(fencerFor(config)).isEmpty();
  }

  @Test
  void shouldNotFenceWithoutExactlyOnceBecauseThereAreNoTransactions() {
    Properties config = config();
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    assertThat(fencerFor(config)).isEmpty();
  }

  private Properties config() {
    return StreamsDefaults.exactlyOnce(
        "fence-test-renderer", "127.0.0.1:9", stateDir, "fence-test-dlq");
  }

  private static Optional<DeadMemberTransactionFencer> fencerFor(Properties config) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out"));
    // Never started: no broker is contacted.
    try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
      Optional<DeadMemberTransactionFencer> fencer =
          DeadMemberTransactionFencer.forStreams(
              "renderer", streams, config, Duration.ofMillis(500));
      fencer.ifPresent(DeadMemberTransactionFencer::close);
      return fencer;
    }
  }
}
