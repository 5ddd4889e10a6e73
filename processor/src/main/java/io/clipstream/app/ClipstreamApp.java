package io.clipstream.app;

import io.clipstream.backend.BackendSettings;
import io.clipstream.backend.ScratchDirectory;
import io.clipstream.backend.SourceLocator;
import io.clipstream.backend.StoringClipBackend;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.RecorderSection;
import io.clipstream.config.Role;
import io.clipstream.http.HealthServer;
import io.clipstream.planner.PlannerSerdes;
import io.clipstream.planner.PlannerService;
import io.clipstream.planner.PlannerSettings;
import io.clipstream.planner.PlannerStreamsConfig;
import io.clipstream.renderer.RenderServiceSettings;
import io.clipstream.renderer.RendererSerdes;
import io.clipstream.renderer.RendererService;
import io.clipstream.serde.AvroSerializer;
import io.clipstream.storage.ClipStore;
import io.clipstream.storage.ClipStores;
import io.clipstream.storage.Retrier;
import io.clipstream.storage.S3SourceLinks;
import io.clipstream.storage.SegmentStore;
import io.clipstream.storage.StorageSettings;
import io.clipstream.streams.DeadMemberTransactionFencer;
import io.clipstream.streams.InstanceTasks;
import io.clipstream.topics.ContractTopic;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Clipstream process: the planner and/or the renderer, as {@code roles} says. Each role is its
 * own Kafka Streams application ({@code <application.id>-planner}, {@code
 * <application.id>-renderer}), so that a deployment running one role never shares a consumer group
 * with a deployment running the other.
 */
public final class ClipstreamApp implements AutoCloseable, HealthServer.Health {

  private static final Logger LOG = LoggerFactory.getLogger(ClipstreamApp.class);

  private final Optional<PlannerService> planner;
  private final Optional<RendererService> renderer;
  private final Optional<RecorderService> recorder;
  private final Optional<IngestRole> ingest;
  private final List<AutoCloseable> resources;

  /** Set once {@link #close} begins: roles stopping from then on is no failure. */
  private volatile boolean closing;

  private ClipstreamApp(
      Optional<PlannerService> planner,
      Optional<RendererService> renderer,
      Optional<RecorderService> recorder,
      Optional<IngestRole> ingest,
      List<AutoCloseable> resources) {
    this.planner = planner;
    this.renderer = renderer;
    this.recorder = recorder;
    this.ingest = ingest;
    this.resources = resources;
  }

  /** The application id of {@code role}'s Kafka Streams client. */
  public static String applicationId(ClipstreamConfig config, Role role) {
    return config.applicationId() + "-" + role.key();
  }

  /** Starts the configured roles; on failure, stops what had started and rethrows. */
  public static ClipstreamApp start(ClipstreamConfig config, MeterRegistry registry) {
    List<AutoCloseable> resources = new ArrayList<>();
    Optional<PlannerService> planner = Optional.empty();
    Optional<RendererService> renderer = Optional.empty();
    Optional<RecorderService> recorder = Optional.empty();
    Optional<IngestRole> ingest = Optional.empty();
    try {
      if (config.roles().contains(Role.PLANNER)) {
        planner = Optional.of(startPlanner(config, resources));
      }
      if (config.roles().contains(Role.RENDERER)) {
        renderer = Optional.of(startRenderer(config, registry, resources));
      }
      if (config.roles().contains(Role.RECORDER)) {
        recorder = Optional.of(startRecorder(config, registry));
        resources.add(0, recorder.get());
      }
      if (config.roles().contains(Role.INGEST)) {
        ingest = Optional.of(IngestRole.start(config));
        resources.add(0, ingest.get());
      }
    } catch (RuntimeException e) {
      planner.ifPresent(PlannerService::close);
      closeAll(resources);
      throw e;
    }
    planner.ifPresent(p -> bind(new KafkaStreamsMetrics(p.streams()), registry, resources));
    renderer.ifPresent(r -> bind(new KafkaStreamsMetrics(r.streams()), registry, resources));
    planner.ifPresent(p -> p.tasks().bindTo(registry));
    renderer.ifPresent(r -> r.tasks().bindTo(registry));
    ingest
        .flatMap(IngestRole::streams)
        .ifPresent(s -> bind(new KafkaStreamsMetrics(s), registry, resources));
    return new ClipstreamApp(planner, renderer, recorder, ingest, resources);
  }

  private static void bind(
      KafkaStreamsMetrics metrics, MeterRegistry registry, List<AutoCloseable> resources) {
    metrics.bindTo(registry);
    resources.add(metrics);
  }

  private static PlannerService startPlanner(
      ClipstreamConfig config, List<AutoCloseable> resources) {
    PlannerSettings settings = config.toPlannerSettings();
    Properties streams =
        PlannerStreamsConfig.streamsConfig(
            settings,
            applicationId(config, Role.PLANNER),
            config.bootstrapServers(),
            config.stateDir());
    streams.putAll(config.streamsGroupProperties());
    streams.putAll(config.kafkaClientProperties());
    PlannerService service =
        PlannerService.start(settings, PlannerSerdes.avro(config.serdeConfig()), streams);
    fenceDeadMembers(config, Role.PLANNER, service.streams(), service.tasks(), streams, resources);
    return service;
  }

  /**
   * Aborts, while {@code role} rebalances, the open transactions of instances that left its group
   * (docs/scaling.md). Closed with the other resources; it checks only while the client is
   * REBALANCING, so not once the client stops.
   */
  private static void fenceDeadMembers(
      ClipstreamConfig config,
      Role role,
      KafkaStreams streams,
      InstanceTasks tasks,
      Properties streamsConfig,
      List<AutoCloseable> resources) {
    config
        .deadTransactionFencing()
        .flatMap(
            interval ->
                DeadMemberTransactionFencer.forStreams(
                    role.key(), streams, streamsConfig, interval))
        .ifPresent(
            fencer -> {
              resources.add(0, fencer);
              tasks.alsoOnStateChange(fencer);
            });
  }

  private static RendererService startRenderer(
      ClipstreamConfig config, MeterRegistry registry, List<AutoCloseable> resources) {
    RenderServiceSettings settings = config.toRenderServiceSettings();
    StorageSettings storage = config.storage();
    ClipStore store = ClipStores.open(config.storageUri(), storage);
    SourceLocator locator = SourceLocator.localAndHttp();
    if (!config.allowedSources().s3Roots().isEmpty()) {
      S3SourceLinks links = new S3SourceLinks(storage);
      resources.add(links);
      locator = SourceLocator.withS3(links::presign);
    }
    // Before the first render: what a killed predecessor left in the work directory goes. Closed
    // last (released with the process at the latest), after the renderer stopped.
    BackendSettings backendSettings = config.toBackendSettings();
    resources.add(ScratchDirectory.claim(backendSettings.workDir()));
    StoringClipBackend backend =
        StoringClipBackend.create(
            backendSettings,
            config.allowedSources(),
            locator,
            store,
            storage.presign() ? Optional.of(storage.presignLifetime()) : Optional.empty(),
            io.clipstream.version.ClipstreamVersion.current());
    Optional<io.clipstream.provenance.ClipSigner> signer = config.clipSigner();
    backend.signingWith(signer);
    signer.ifPresentOrElse(
        s ->
            LOG.info(
                "Renderer signs clips and thumbnails with C2PA Content Credentials as {}; {}",
                s.identity(),
                s.timeStampAuthority()
                    .map(
                        t ->
                            "time-stamped by "
                                + t
                                + (s.timeStampRequired()
                                    ? " (required: no token fails the clip)"
                                    : " (optional: without a token clips are signed untimed)"))
                    .orElse("no time-stamp authority (provenance.tsa.url unset)")),
        () -> LOG.info("Renderer does not sign clips (no provenance.* keys)"));
    Properties streams =
        RendererService.streamsConfig(
            settings,
            applicationId(config, Role.RENDERER),
            config.bootstrapServers(),
            config.stateDir());
    streams.putAll(config.streamsGroupProperties());
    streams.putAll(config.kafkaClientProperties());
    LOG.info("Renderer stores clips under {}", store.root());
    FunctionCounter.builder("clipstream.decoder.cache.hits", backend, b -> b.decoderCache().hits())
        .description("Render sources found open and positioned in the decoder cache")
        .register(registry);
    FunctionCounter.builder(
            "clipstream.decoder.cache.misses", backend, b -> b.decoderCache().misses())
        .description("Render sources that had to be opened")
        .register(registry);
    RendererService service =
        RendererService.start(
            settings, RendererSerdes.avro(config.serdeConfig()), backend, registry, streams);
    resources.add(0, service);
    fenceDeadMembers(config, Role.RENDERER, service.streams(), service.tasks(), streams, resources);
    return service;
  }

  private static RecorderService startRecorder(ClipstreamConfig config, MeterRegistry registry) {
    RecorderSection settings = config.recording();
    SegmentStore store = ClipStores.openSegments(settings.storageUri(), config.storage());
    Map<String, Object> producerConfig = new HashMap<>(config.kafkaClientProperties());
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-recorder");
    AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
    values.configure(config.serdeConfig(), false);
    KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), values);
    return RecorderService.start(
        settings,
        store,
        new Retrier(config.storage()),
        producer,
        config.topic(ContractTopic.SEGMENTS),
        registry,
        Clock.systemUTC());
  }

  /** The state of each running role's Kafka Streams client. */
  public Map<Role, KafkaStreams.State> roleStates() {
    Map<Role, KafkaStreams.State> states = new java.util.EnumMap<>(Role.class);
    planner.ifPresent(p -> states.put(Role.PLANNER, p.state()));
    renderer.ifPresent(r -> states.put(Role.RENDERER, r.state()));
    ingest.flatMap(IngestRole::streams).ifPresent(s -> states.put(Role.INGEST, s.state()));
    return states;
  }

  @Override
  public boolean alive() {
    return !failed();
  }

  @Override
  public boolean ready() {
    return running();
  }

  @Override
  public Map<String, String> states() {
    Map<String, String> states = new java.util.LinkedHashMap<>();
    roleStates().forEach((role, state) -> states.put(role.key(), state.name()));
    recorder.ifPresent(r -> states.put(Role.RECORDER.key(), r.summary()));
    ingest.ifPresent(i -> states.put(Role.INGEST.key(), i.summary()));
    return states;
  }

  /** True once every role is RUNNING. */
  public boolean running() {
    return roleStates().values().stream().allMatch(s -> s == KafkaStreams.State.RUNNING);
  }

  /**
   * True when a role has stopped for good (ERROR, or shut down by a failed thread) without being
   * asked to.
   */
  public boolean failed() {
    return !closing
        && (ingest.map(IngestRole::failed).orElse(false)
            || roleStates().values().stream()
                .anyMatch(
                    s -> s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING));
  }

  /**
   * Stops every role. The planner's client closes on its own thread beside the renderer's, so each
   * role's partitions move to the other instances as soon as that role has committed and left its
   * group, not after the other role's close as well (a rolling restart's gap for the stopped
   * instance's cameras).
   */
  @Override
  public void close() {
    closing = true;
    Optional<Thread> plannerClose =
        planner.map(
            p -> {
              Thread t = new Thread(() -> closeAll(List.of(p)), "clipstream-planner-close");
              t.start();
              return t;
            });
    closeAll(resources);
    plannerClose.ifPresent(ClipstreamApp::awaitEnd);
  }

  private static void awaitEnd(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // the planner must have left before the process goes on to exit
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes each resource in order, logging (not throwing) failures so the rest still close. */
  static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed: {}", r, e.toString());
      }
    }
  }
}
