package io.clipstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A secured broker lets in exactly the clients with the right credentials and truststore. */
class SecuredKafkaBrokerProcessIT {

  private static KafkaBrokerProcess kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaBrokerProcess.secured("secured-it").start();
  }

  @AfterAll
  static void closeBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldServeAClientWithTheRightCredentialsAndTruststore() throws Exception {
    assertThat(kafka.clientConfig())
        .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
        .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, kafka.truststoreType());
    assertThat(kafka.truststorePath()).isRegularFile();
    kafka.createTopic("secured-events", 1);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            kafka.producerConfig(), new StringSerializer(), new StringSerializer())) {
      KafkaBrokerProcessIT.send(producer, "secured-events", "secret-1", "secret-2");
    }
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            kafka.consumerConfig("secured-reader"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("secured-events"));
      assertThat(KafkaBrokerProcessIT.poll(consumer, 2)).containsExactly("secret-1", "secret-2");
    }
  }

  @Test
  void shouldRejectAWrongPassword() {
    assertThatThrownBy(() -> describeCluster(kafka.clientConfig(kafka.username(), "not-it")))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void shouldFailTheHandshakeOfAClientThatDoesNotTrustTheCertificate() {
    Map<String, Object> config = kafka.clientConfig();
    config.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
    config.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
    config.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);

    assertThatThrownBy(() -> describeCluster(config))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void shouldNotServeAPlaintextClient() {
    Map<String, Object> config =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());

    // The broker reads the plaintext request as a broken TLS handshake and hangs up; the client
    // retries until its deadline.
    assertThatThrownBy(() -> describeCluster(config))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class);
  }

  private static void describeCluster(Map<String, Object> config) throws Exception {
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes().get();
    }
  }
}
