package io.clipstream.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Builds {@link EmbeddedKafka}'s one-node cluster. Every line is a deliberate deviation from the
 * Kafka test kit's defaults: production metadata and feature levels (the kit defaults to unreleased
 * ones), loopback-only listeners, internal topics that fit on one broker, and no auto-created
 * topics (production clusters disable it; a test that forgets to create a topic should fail, not
 * pass by accident, and the demo must fail the same way production would).
 */
final class KafkaClusterFactory {

  private KafkaClusterFactory() {}

  /**
   * A built, not yet formatted or started, cluster with its data under {@code baseDir}; {@code
   * brokerSettings} are set last, over the defaults here.
   */
  static KafkaClusterTestKit build(Path baseDir, Map<String, String> brokerSettings)
      throws Exception {
    MetadataVersion version = MetadataVersion.latestProduction();
    Map<String, Short> features =
        Feature.PRODUCTION_FEATURES.stream()
            .collect(
                Collectors.toMap(Feature::featureName, feature -> feature.defaultLevel(version)));
    TestKitNodes nodes =
        new TestKitNodes.Builder(
                BootstrapMetadata.fromVersions(version, features, "clipstream-embedded"))
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBaseDirectory(baseDir)
            .build();
    String broker = nodes.brokerListenerName().value();
    String controller = nodes.controllerListenerName().value();
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp(
                "listeners",
                broker
                    + "://"
                    + EmbeddedKafka.HOST
                    + ":0,"
                    + controller
                    + "://"
                    + EmbeddedKafka.HOST
                    + ":0")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp(
                "offsets.topic.num.partitions",
                "5") // 50 by default: slow to create, no benefit here
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "5")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("auto.create.topics.enable", "false")
            .setConfigProp("unstable.api.versions.enable", "false")
            .setConfigProp("unstable.feature.versions.enable", "false");
    brokerSettings.forEach(builder::setConfigProp);
    LoopbackSocketFactoryManager.install(builder);
    return builder.build();
  }
}
