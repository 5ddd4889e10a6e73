package io.clipstream.ingest.folder;

import io.clipstream.contracts.Segment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the complete recordings under a folder or S3 prefix that were not announced yet and
 * announces each on the segments topic, together with its ledger record in one Kafka transaction.
 *
 * <p>A file is complete when it has not been modified for the settle time and FFmpeg reads its
 * duration (an S3 object exists only once its upload completed, and its time is the upload's); a
 * file younger than that is left for the next scan, one that stays unreadable is reported once per
 * size and modification time (and retried when it changes).
 */
public final class FolderIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(FolderIndexer.class);

  private final FolderSettings settings;
  private final SegmentLayout layout;
  private final Producer<String, byte[]> producer;
  private final Serializer<Segment> segments;
  private final Set<String> announced;
  private final Clock clock;
  private final Recordings recordings;
  private final Map<String, String> reported = new HashMap<>();

  /**
   * @param producer a transactional producer, {@code initTransactions} already called
   * @param announced the ledger's keys, updated as files are announced
   * @param recordings where the files are; the caller closes it
   */
  public FolderIndexer(
      FolderSettings settings,
      Producer<String, byte[]> producer,
      Serializer<Segment> segments,
      Set<String> announced,
      Clock clock,
      Recordings recordings) {
    this.settings = settings;
    this.layout = SegmentLayout.parse(settings.layout());
    this.producer = producer;
    this.segments = segments;
    this.announced = announced;
    this.clock = clock;
    this.recordings = recordings;
  }

  /** What one scan did. */
  public record Scan(int announced, int waiting, List<String> failures, int ignored) {}

  /** Looks once and announces what is complete; safe to call repeatedly. */
  public Scan scan() {
    List<Candidate> ready = new ArrayList<>();
    int waiting = 0;
    int ignored = 0;
    List<String> failures = new ArrayList<>();
    for (Recordings.Recording file : recordings.list()) {
      String key = file.ledgerKey();
      if (announced.contains(key)) {
        continue;
      }
      var named = layout.match(file.relativePath());
      if (named.isEmpty()) {
        ignored++;
        continue;
      }
      Duration age = Duration.between(file.modified(), clock.instant());
      if (age.compareTo(settings.settle()) < 0) {
        waiting++;
        continue;
      }
      try {
        Segment segment =
            SegmentProbe.describe(
                recordings.probeLocation(file), recordings.uri(file), named.get(), file.bytes());
        ready.add(new Candidate(key, segment));
        reported.remove(key);
      } catch (RuntimeException e) {
        String version = file.bytes() + "@" + file.modified();
        String reason = key + ": not announced: " + e.getMessage();
        failures.add(reason);
        if (!version.equals(reported.put(key, version))) {
          LOG.warn("{} (tried again when the file changes)", reason);
        }
      }
    }
    ready.sort(Comparator.comparing(c -> c.segment().getStart()));
    announce(ready);
    return new Scan(ready.size(), waiting, failures, ignored);
  }

  private record Candidate(String key, Segment segment) {}

  private void announce(List<Candidate> ready) {
    if (ready.isEmpty()) {
      return;
    }
    producer.beginTransaction();
    try {
      for (Candidate c : ready) {
        Segment s = c.segment();
        producer.send(
            new ProducerRecord<>(
                settings.segmentsTopic(),
                s.getCameraId(),
                segments.serialize(settings.segmentsTopic(), s)));
        producer.send(
            new ProducerRecord<>(
                settings.ledgerTopic(),
                c.key(),
                s.getUri().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      producer.commitTransaction();
    } catch (RuntimeException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
    for (Candidate c : ready) {
      announced.add(c.key());
      Segment s = c.segment();
      LOG.info(
          "Announced {} on {}: camera {}, {} .. {}, {}x{} {} {} fps",
          c.key(),
          settings.segmentsTopic(),
          s.getCameraId(),
          s.getStart(),
          s.getEnd(),
          s.getWidth(),
          s.getHeight(),
          s.getCodec(),
          String.format("%.2f", s.getFps()));
    }
  }
}
