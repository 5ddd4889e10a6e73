package io.clipstream.bench;

import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.topics.ContractTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A detector running on every camera all the time, as real ones do: one {@link DetectionFrame} per
 * video frame (10 fps) per camera, each with a person walking to and fro (track {@link
 * #PERSON_TRACK}, the track events focus on) and, two thirds of the time, a car crossing the frame
 * (track {@link #CAR_TRACK}). Frames are stamped with the instant they are due and published as
 * that instant passes; a generator that falls behind catches up (every frame is published, so the
 * offered load is exact) and reports how late it ran.
 */
final class LoadGenerator implements AutoCloseable {

  static final long PERSON_TRACK = 1;
  static final long CAR_TRACK = 2;
  static final long FRAME_MS = 1000L / PipelineRig.FPS;

  private final KafkaProducer<String, SpecificRecord> producer;
  private final List<String> cameras;
  private final long origin;
  private final Thread thread;
  private final AtomicLong published = new AtomicLong();
  private volatile long maxLateMs;
  private volatile boolean stopped;
  private volatile Exception failure;

  LoadGenerator(KafkaProducer<String, SpecificRecord> producer, List<String> cameras) {
    this.producer = producer;
    this.cameras = List.copyOf(cameras);
    this.origin = System.currentTimeMillis() / FRAME_MS * FRAME_MS;
    this.thread = new Thread(this::run, "bench-detector");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The detections of camera number {@code camera} for the frame captured at {@code millis}. */
  static List<Detection> detections(int camera, long millis) {
    List<Detection> out = new ArrayList<>(2);
    long phase = camera * 1_700L;
    float personX = 40 + (PipelineRig.WIDTH - 200) * triangle(millis + phase, 20_000);
    out.add(PipelineRig.detection("person", personX, 100, 120, 280, PERSON_TRACK));
    if ((millis + phase) / 10_000 % 3 != 2) {
      float carX = PipelineRig.WIDTH - 220 - (PipelineRig.WIDTH - 240) * triangle(millis, 30_000);
      out.add(PipelineRig.detection("car", carX, 300, 200, 110, CAR_TRACK));
    }
    return out;
  }

  /** 0 → 1 → 0 over {@code periodMs}. */
  static float triangle(long millis, long periodMs) {
    double f = Math.floorMod(millis, periodMs) / (double) periodMs;
    return (float) (f < 0.5 ? 2 * f : 2 - 2 * f);
  }

  private void run() {
    String topic = ContractTopic.DETECTIONS.defaultName();
    try {
      for (long at = origin; !stopped; at += FRAME_MS) {
        long left = at - System.currentTimeMillis();
        if (left > 0) {
          Thread.sleep(left);
        } else {
          maxLateMs = Math.max(maxLateMs, -left);
        }
        for (int c = 0; c < cameras.size() && !stopped; c++) {
          String camera = cameras.get(c);
          DetectionFrame frame = PipelineRig.frame(camera, at, detections(c, at));
          producer.send(
              new ProducerRecord<>(topic, camera, frame),
              (metadata, e) -> {
                if (e != null && failure == null && !stopped) {
                  failure = e;
                }
              });
          published.incrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (!stopped) {
        failure = e;
      }
    }
  }

  /** Throws when publishing failed. */
  void check() {
    if (failure != null) {
      throw new IllegalStateException("Publishing detections failed: " + failure, failure);
    }
  }

  long published() {
    return published.get();
  }

  /** How late the generator ran at worst (ms): above a frame or two, it was short of CPU. */
  long maxLateMs() {
    return maxLateMs;
  }

  /** Stops publishing (the load ends); the producer stays open until {@link #close}. */
  void stop() throws InterruptedException {
    stopped = true;
    thread.join(5_000);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    producer.close(Duration.ofSeconds(5));
  }
}
