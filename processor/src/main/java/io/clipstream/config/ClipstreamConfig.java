package io.clipstream.config;

import io.clipstream.backend.BackendSettings;
import io.clipstream.config.ConfigLoader.Setting;
import io.clipstream.ingest.IngestSettings;
import io.clipstream.ingest.folder.FolderSettings;
import io.clipstream.ingest.frigate.MqttSettings;
import io.clipstream.media.EncoderSettings;
import io.clipstream.media.VideoCodec;
import io.clipstream.planner.PlannerSettings;
import io.clipstream.planner.PlannerTopics;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.renderer.RenderServiceSettings;
import io.clipstream.renderer.RendererTopics;
import io.clipstream.storage.StorageSettings;
import io.clipstream.topics.ContractTopic;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The validated configuration of {@code clipstream run}, built by {@link ConfigLoader}; typed
 * getters for each part. {@link #describe()} and {@link #toString()} never show secrets.
 */
public final class ClipstreamConfig {

  /** Every declared key with its type, default, validator, importance and documentation. */
  public static final ConfigDef DEFINITION = ConfigKeys.DEFINITION;

  private final AbstractConfig values;
  private final Map<String, Setting> settings;
  private final Map<String, Long> dynamic;
  private final Machine machine;
  private final List<String> warnings;

  ClipstreamConfig(
      AbstractConfig values,
      Map<String, Setting> settings,
      Map<String, Long> dynamic,
      Machine machine,
      List<String> warnings) {
    this.values = values;
    this.settings = Map.copyOf(settings);
    this.dynamic = Map.copyOf(dynamic);
    this.machine = machine;
    this.warnings = List.copyOf(warnings);
  }

  public Set<Role> roles() {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    values.getList(ServiceKeys.ROLES).forEach(r -> roles.add(Role.parse(r)));
    return roles;
  }

  public String applicationId() {
    return values.getString(ServiceKeys.APPLICATION_ID);
  }

  /** Comma-separated, as Kafka's {@code bootstrap.servers} takes it. */
  public String bootstrapServers() {
    return String.join(",", values.getList(ServiceKeys.BOOTSTRAP_SERVERS));
  }

  public Path stateDir() {
    return Path.of(values.getString(ServiceKeys.STATE_DIR));
  }

  /** Port of the health endpoint; 0 when disabled. */
  public int httpPort() {
    return values.getInt(ServiceKeys.HTTP_PORT);
  }

  /** The configured name of {@code topic}. */
  public String topic(ContractTopic topic) {
    return values.getString(TopicKeys.key(topic));
  }

  public SourceRoots allowedSources() {
    return SourceRoots.parse(values.getList(ServiceKeys.SOURCES_ALLOWED_ROOTS));
  }

  public RenderSection render() {
    return RenderKeys.settings(values, machine);
  }

  /**
   * Where clips go: an absolute {@code file:} URI of a directory, or {@code s3://bucket/prefix}.
   */
  public URI storageUri() {
    return StorageKeys.normalize(values.getString(StorageKeys.URI_KEY));
  }

  /** The key and chain that sign clips' Content Credentials, when {@code provenance.*} is set. */
  public java.util.Optional<io.clipstream.provenance.SigningIdentity> signingIdentity() {
    return ProvenanceKeys.identity(values);
  }

  /** The clip signer with its time-stamp authority, when {@code provenance.*} is set. */
  public java.util.Optional<io.clipstream.provenance.ClipSigner> clipSigner() {
    return ProvenanceKeys.signer(values);
  }

  /** Settings of the storage layer (S3 endpoint, region, presigning, retries). */
  public StorageSettings storage() {
    return StorageKeys.settings(values);
  }

  /** The recorder's settings from the {@code record.*} keys. */
  public RecorderSection recording() {
    return RecorderKeys.settings(values);
  }

  /** The ingest role's Kafka topics and mapping, from the {@code ingest.*} keys. */
  public IngestSettings toIngestSettings() {
    return IngestKeys.settings(values, ingestTopics());
  }

  /** Frigate's MQTT broker, when {@code ingest.mqtt.url} is set. */
  public Optional<MqttSettings> ingestMqtt() {
    return IngestKeys.mqtt(values, ingestTopics());
  }

  /** The NVR folder, when {@code ingest.folder.root} is set. */
  public Optional<FolderSettings> ingestFolder() {
    return IngestKeys.folder(values, ingestTopics());
  }

  private IngestKeys.TopicNames ingestTopics() {
    return new IngestKeys.TopicNames(
        topic(ContractTopic.DETECTIONS),
        topic(ContractTopic.EVENTS),
        topic(ContractTopic.SEGMENTS),
        topic(ContractTopic.DEAD_LETTER));
  }

  /** The render service's settings from the {@code render.*} and {@code topic.*} keys. */
  public RenderServiceSettings toRenderServiceSettings() {
    RenderSection r = render();
    return new RenderServiceSettings(
        new RendererTopics(
            topic(ContractTopic.RENDER_COMMANDS),
            topic(ContractTopic.CLIPS_READY),
            topic(ContractTopic.CLIPS_FAILED),
            topic(ContractTopic.DEAD_LETTER)),
        r.workers(),
        r.maxConcurrentEncoders(),
        r.retryTimeout(),
        r.completedRetention(),
        r.stopDrain());
  }

  /** How commands become clips, from the {@code render.*} keys. */
  public BackendSettings toBackendSettings() {
    RenderSection r = render();
    EncoderSettings encoder =
        EncoderSettings.defaults()
            .withCodec(VideoCodec.parse(r.encoder()))
            .withCrf(r.crf())
            .withPreset(r.preset());
    RenderSettings defaults =
        RenderSettings.builder().encoder(encoder).holdMicros(r.hold().toNanos() / 1000).build();
    return new BackendSettings(r.workDir(), defaults, r.decoderCacheSize(), r.decodeMode());
  }

  /** The planner's settings from the {@code planner.*} and {@code topic.*} keys. */
  public PlannerSettings toPlannerSettings() {
    PlannerTopics topics =
        new PlannerTopics(
            topic(ContractTopic.DETECTIONS),
            topic(ContractTopic.EVENTS),
            topic(ContractTopic.SEGMENTS),
            topic(ContractTopic.RENDER_COMMANDS),
            topic(ContractTopic.CLIPS_FAILED),
            topic(ContractTopic.DEAD_LETTER));
    return PlannerKeys.settings(values, dynamic, topics);
  }

  /**
   * Settings for every Kafka client: {@code bootstrap.servers} and each {@code kafka.*} key without
   * its prefix (security, SASL and SSL settings). Contains secrets: never log it.
   */
  public Map<String, String> kafkaClientProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", bootstrapServers());
    settings.forEach(
        (k, s) -> {
          if (ConfigKeys.kind(k) == ConfigKeys.Kind.KAFKA) {
            props.put(KafkaKeys.clientName(k), s.value());
          }
        });
    return Map.copyOf(props);
  }

  /**
   * The group settings of every Kafka Streams client (static membership, session timeout,
   * heartbeat, standby replicas) from the {@code instance.id}, {@code group.*} and {@code
   * standby.replicas} keys; {@code kafka.*} keys go on top of them.
   */
  public Map<String, Object> streamsGroupProperties() {
    return GroupKeys.streamsProperties(values);
  }

  /**
   * How often a rebalancing role looks for open transactions of instances that left its group, or
   * empty when {@code group.fence.dead.transactions} is off.
   */
  public Optional<Duration> deadTransactionFencing() {
    return GroupKeys.fenceInterval(values);
  }

  /** What is wrong with the group settings taken together, or null. */
  String groupProblem() {
    return GroupKeys.problem(values);
  }

  /** Settings for the Avro serdes: the registry URL and every serde key given. Never log it. */
  public Map<String, String> serdeConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(
        ServiceKeys.SCHEMA_REGISTRY_URL,
        String.join(",", values.getList(ServiceKeys.SCHEMA_REGISTRY_URL)));
    settings.forEach(
        (k, s) -> {
          if (ConfigKeys.kind(k) == ConfigKeys.Kind.SERDE) {
            config.put(k, s.value());
          }
        });
    return Map.copyOf(config);
  }

  /** Where {@code key}'s value came from; {@link ConfigSource#DEFAULT} when not set. */
  public ConfigSource sourceOf(String key) {
    Setting s = settings.get(key);
    return s == null ? ConfigSource.DEFAULT : s.source();
  }

  /** Things worth a WARN line at startup (ignored variables, unknown Kafka settings). */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * A multi-line summary for the startup log: every value in effect, its source, secrets hidden.
   */
  public String describe() {
    return ConfigSummary.describe(this, values, settings, machine);
  }

  @Override
  public String toString() {
    return describe();
  }
}
