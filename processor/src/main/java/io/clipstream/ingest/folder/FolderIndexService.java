package io.clipstream.ingest.folder;

import io.clipstream.contracts.Segment;
import io.clipstream.serde.AvroSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes an NVR folder or S3 prefix once ({@link #indexOnce}) or keeps watching it ({@link
 * #watch}). The transactional id is fixed per application and folder, so a second indexer of the
 * same folder fences the first instead of announcing files twice.
 */
public final class FolderIndexService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FolderIndexService.class);

  private final FolderSettings settings;
  private final KafkaProducer<String, byte[]> producer;
  private final FolderIndexer indexer;
  private final Recordings recordings;
  private volatile Thread watcher;
  private volatile boolean stopping;
  private volatile RuntimeException failure;

  private FolderIndexService(
      FolderSettings settings,
      KafkaProducer<String, byte[]> producer,
      FolderIndexer indexer,
      Recordings recordings) {
    this.settings = settings;
    this.producer = producer;
    this.indexer = indexer;
    this.recordings = recordings;
  }

  /**
   * Creates the ledger topic when missing, reads it, and opens the transactional producer.
   *
   * @param clientConfig Kafka client settings (bootstrap servers, security)
   * @param serdeConfig the registry settings of the Avro serializer
   */
  public static FolderIndexService open(
      FolderSettings settings,
      Map<String, Object> clientConfig,
      Map<String, ?> serdeConfig,
      String applicationId) {
    IndexLedger.ensureTopic(clientConfig, settings.ledgerTopic());
    Set<String> announced = ConcurrentHashMap.newKeySet();
    Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    Recordings recordings = Recordings.open(settings.root(), settings.storage());
    String root = recordings.root();
    producerConfig.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        applicationId + "-folder-index-" + Integer.toHexString(root.hashCode()));
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-folder-index");
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    try {
      // Fences an older indexer of this folder and aborts its open transaction before reading.
      producer.initTransactions();
      announced.addAll(
          IndexLedger.read(clientConfig, settings.ledgerTopic(), Duration.ofSeconds(60)));
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      recordings.close();
      throw e;
    }
    LOG.info(
        "Folder {} ({}): {} file(s) already announced according to {}",
        root,
        settings.layout(),
        announced.size(),
        settings.ledgerTopic());
    AvroSerializer<Segment> values = new AvroSerializer<>();
    values.configure(serdeConfig, false);
    FolderIndexer indexer =
        new FolderIndexer(settings, producer, values, announced, Clock.systemUTC(), recordings);
    return new FolderIndexService(settings, producer, indexer, recordings);
  }

  /** One scan. */
  public FolderIndexer.Scan indexOnce() {
    return indexer.scan();
  }

  /** Scans every poll interval on a daemon thread until closed. */
  public void watch() {
    Thread t =
        new Thread(
            () -> {
              while (!stopping) {
                try {
                  indexer.scan();
                  pause();
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  LOG.error("Folder watcher of {} stopped: {}", settings.root(), e.toString());
                  failure = e;
                  return;
                }
              }
            },
            "clipstream-folder-watcher");
    t.setDaemon(true);
    watcher = t;
    t.start();
  }

  private void pause() throws InterruptedException {
    long until = System.nanoTime() + settings.poll().toNanos();
    while (!stopping && System.nanoTime() < until) {
      Thread.sleep(Math.min(100, settings.poll().toMillis()));
    }
  }

  /** True when the watcher stopped on an error (the process should exit and be restarted). */
  public boolean failed() {
    return failure != null;
  }

  public String summary() {
    return failed() ? "FAILED: " + failure.getMessage() : "WATCHING " + settings.root();
  }

  @Override
  public void close() {
    stopping = true;
    Thread t = watcher;
    if (t != null) {
      try { // not interrupted: an interrupt inside a transaction would abort it half-way
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(10));
    recordings.close();
  }
}
