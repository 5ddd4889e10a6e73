package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.ClipReady;
import io.clipstream.testkit.KafkaBrokerProcess;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealS3;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The packaged service honours Kafka's TLS and SASL settings ({@code kafka.*}, secrets from the
 * environment as a secret store provides them) against a broker that accepts nothing else: a
 * SASL_SSL listener with PLAIN users and a self-signed certificate. With the right settings the
 * sample's clips come out; with a wrong password or without the trust store the service stops with
 * an error that names the cause, and no secret reaches a log.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = RealComponents.S3_LOCK, mode = ResourceAccessMode.READ)
class SecuredKafkaIT {

  private static KafkaBrokerProcess broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBrokerProcess.secured("secured-kafka-it").start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void shouldRenderEveryClipOverSaslSslWithSecretsFromTheEnvironment(
      RealSchemaRegistry registry, RealS3 s3) throws Exception {
    ServiceRun run =
        ServiceRun.create("sasl", broker.clientConfig(), registry.confluentUrl(), s3, 1);
    run.settings().put("render.preset", "ultrafast");
    assertThat(run.settings())
        .containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("kafka.sasl.mechanism", "PLAIN");
    assertThat(run.env()).containsKey("CLIPSTREAM_KAFKA_SASL_JAAS_CONFIG");
    try (run;
        KafkaConsumer<String, ClipReady> ready =
            run.consumer(ContractTopic.CLIPS_READY, ClipReady.class, "read_committed")) {
      List<ConsumerRecord<String, ClipReady>> announced = new ArrayList<>();
      CrashInstance instance = run.start();
      run.publish();
      ServiceOutagesIT.Outcome result = ServiceOutagesIT.finish(run, instance, ready, announced);
      assertThat(result.outcome().problems()).as("invalid clips").isEmpty();
      assertThat(result.outcome().perfect()).as("%s", result.outcome()).isTrue();
      assertThat(instance.logText())
          .doesNotContain(broker.password())
          .doesNotContain(broker.truststorePassword())
          .doesNotContain(s3.secretKey());
      run.deleteFiles();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void shouldStopNamingTheAuthenticationFailureWhenThePasswordIsWrong(
      RealSchemaRegistry registry, RealS3 s3) throws Exception {
    String wrong = "not-" + broker.password();
    ServiceRun run =
        ServiceRun.create("sasl-wrong", broker.clientConfig(), registry.confluentUrl(), s3, 1);
    run.env()
        .put(
            "CLIPSTREAM_KAFKA_SASL_JAAS_CONFIG",
            broker.clientConfig(broker.username(), wrong).get("sasl.jaas.config").toString());
    try (run) {
      CrashInstance instance = run.start();
      assertThat(instance.awaitExit(120)).as("exit status of %s", instance).isNotZero();
      assertThat(instance.logText())
          .containsIgnoringCase("Authentication failed")
          .doesNotContain(wrong)
          .doesNotContain(broker.password());
      run.deleteFiles();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void shouldStopNamingTheTlsFailureWithoutTheTrustStore(RealSchemaRegistry registry, RealS3 s3)
      throws Exception {
    ServiceRun run =
        ServiceRun.create("sasl-notrust", broker.clientConfig(), registry.confluentUrl(), s3, 1);
    run.settings().keySet().removeIf(k -> k.startsWith("kafka.ssl.truststore"));
    run.env().keySet().removeIf(k -> k.startsWith("CLIPSTREAM_KAFKA_SSL_TRUSTSTORE"));
    try (run) {
      CrashInstance instance = run.start();
      assertThat(instance.awaitExit(120)).as("exit status of %s", instance).isNotZero();
      assertThat(instance.logText())
          .containsIgnoringCase("SSL handshake failed")
          .doesNotContain(broker.password());
      run.deleteFiles();
    }
  }
}
