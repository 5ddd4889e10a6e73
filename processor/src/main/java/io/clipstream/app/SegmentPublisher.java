package io.clipstream.app;

import io.clipstream.contracts.Segment;
import io.clipstream.recorder.RecordedSegment;
import io.clipstream.recorder.SegmentSink;
import io.clipstream.storage.Retrier;
import io.clipstream.storage.SegmentKeys;
import io.clipstream.storage.SegmentStore;
import io.clipstream.storage.StorageException;
import io.clipstream.storage.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores each closed segment of one camera, then announces it on the segments topic, then deletes
 * the local file: a segment record always points at a durable object. Uploads run on their own
 * thread so the recorder keeps reading the stream; a bounded queue keeps memory bounded, and a
 * segment that cannot be stored or announced is kept on disk under {@code failed/} (never lost).
 */
final class SegmentPublisher implements SegmentSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentPublisher.class);
  static final int QUEUE = 32;

  private final String cameraId;
  private final SegmentStore store;
  private final Producer<String, SpecificRecord> producer;
  private final String topic;
  private final Path failedDir;
  private final Retrier retrier;
  private final ThreadPoolExecutor uploads;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile Instant lastEnd;

  SegmentPublisher(
      String cameraId,
      SegmentStore store,
      Producer<String, SpecificRecord> producer,
      String topic,
      Path failedDir,
      Retrier retrier) {
    this.cameraId = cameraId;
    this.store = store;
    this.producer = producer;
    this.topic = topic;
    this.failedDir = failedDir;
    this.retrier = retrier;
    this.uploads =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "clipstream-segments-" + cameraId);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void segmentClosed(RecordedSegment segment) {
    try {
      uploads.execute(() -> publish(segment));
    } catch (RejectedExecutionException e) {
      LOG.error(
          "Camera {}: {} segments already wait for upload; keeping {} on disk instead",
          cameraId,
          QUEUE,
          segment.file());
      keep(segment);
    }
  }

  @Override
  public void inputLost(String camera, Instant lastFrameEnd, String reason) {
    LOG.debug("Camera {}: input lost after {} ({})", camera, lastFrameEnd, reason);
  }

  @Override
  public void inputRestored(String camera, Instant firstFrame, int reconnects) {
    LOG.info(
        "Camera {}: input back at {} after {} reconnection(s); the segments have a gap since {}",
        camera,
        firstFrame,
        reconnects,
        lastEnd);
  }

  long published() {
    return published.get();
  }

  long failed() {
    return failed.get();
  }

  int queued() {
    return uploads.getQueue().size();
  }

  private void publish(RecordedSegment segment) {
    String key = SegmentKeys.key(segment.cameraId(), segment.start());
    StoredObject stored;
    try {
      stored =
          retrier.call(
              "Camera "
                  + segment.cameraId()
                  + ": storing and announcing segment "
                  + segment.start(),
              () -> storeAndAnnounce(segment, key),
              e -> classify(segment, e));
    } catch (StorageException e) {
      LOG.error(
          "Camera {}: segment {} could not be stored or announced ({}); kept on disk",
          segment.cameraId(),
          segment.start(),
          e.getMessage());
      keep(segment);
      return;
    }
    published.incrementAndGet();
    lastEnd = segment.end();
    LOG.info(
        "Camera {}: segment {} .. {} ({} frames, {} bytes) stored at {} and announced on {}",
        segment.cameraId(),
        segment.start(),
        segment.end(),
        segment.frames(),
        stored.bytes(),
        stored.uri(),
        topic);
  }

  private StoredObject storeAndAnnounce(RecordedSegment segment, String key) throws Exception {
    StoredObject stored = store.put(key, segment.file());
    producer
        .send(new ProducerRecord<>(topic, segment.cameraId(), record(segment, stored)))
        .get(60, TimeUnit.SECONDS);
    Files.deleteIfExists(segment.file());
    return stored;
  }

  /** A broker or disk hiccup may pass and is retried; an interrupt (shutdown) stops at once. */
  private static StorageException classify(RecordedSegment segment, Exception e) {
    boolean interrupted = e instanceof InterruptedException;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    boolean mayPass =
        e instanceof ExecutionException
            || e instanceof TimeoutException
            || e instanceof IOException;
    return new StorageException(
        "segment "
            + segment.start()
            + (interrupted ? " was interrupted by shutdown: " : " failed: ")
            + e,
        mayPass && !interrupted,
        e);
  }

  static Segment record(RecordedSegment s, StoredObject stored) {
    return Segment.newBuilder()
        .setCameraId(s.cameraId())
        .setUri(stored.uri().toString())
        .setStart(s.start())
        .setEnd(s.end())
        .setFps(s.fps())
        .setWidth(s.width())
        .setHeight(s.height())
        .setCodec(s.codec())
        .setSizeBytes(stored.bytes())
        .setFrameCount(s.frames())
        .build();
  }

  private void keep(RecordedSegment segment) {
    failed.incrementAndGet();
    try {
      Files.createDirectories(failedDir);
      Path target = failedDir.resolve(segment.file().getFileName());
      Files.move(segment.file(), target, StandardCopyOption.REPLACE_EXISTING);
      LOG.error(
          "Camera {}: segment {} .. {} kept at {}: upload it and publish its record by hand"
              + " (clipstream publish --kind segments) once the store is back",
          segment.cameraId(),
          segment.start(),
          segment.end(),
          target);
    } catch (IOException e) {
      LOG.error("Camera {}: cannot move {} to {}: {}", cameraId, segment.file(), failedDir, e);
    }
  }

  /** Waits for the queued uploads (the recorder has delivered its last segment by now). */
  @Override
  public void close() {
    uploads.shutdown();
    try {
      if (!uploads.awaitTermination(2, TimeUnit.MINUTES)) {
        LOG.warn(
            "Camera {}: uploads still running at shutdown; their files stay on disk", cameraId);
        uploads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      uploads.shutdownNow();
    }
  }
}
