package io.clipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.app.ClipstreamApp;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import io.clipstream.topics.ContractTopic;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Frigate as it comes, with no producer code: a Frigate-layout folder of real 10 s segments cut
 * from the sample footage, indexed once and then watched (files appearing while it runs, one still
 * being written, nothing announced twice across a restart), and Frigate-shaped event messages on a
 * real mosquitto broker, with Clipstream restarted between {@code new} and {@code end}; the planner
 * and renderer turn them into a clip with the Frigate box drawn.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class FrigateIngestIT {

  private static final String CAMERA = "front_door";

  /**
   * The recording's first segment starts here (UTC), as Frigate's path says: a few minutes ago, as
   * a live Frigate's would, so that the planner's wall-clock fallback and retention apply as usual.
   */
  private static final Instant T0 =
      Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);

  @Test
  void shouldIndexWatchAndRenderFrigateRecordingsAndMqttEventsIntoAClip(
      RealKafka kafka, RealSchemaRegistry registry) throws Exception {
    IngestRig rig = new IngestRig(kafka, registry, "frigate");
    Path cuts = Files.createDirectories(rig.dir.resolve("cuts"));
    List<Path> segments = Footage.cut(cuts, 4);
    Path recordings = Files.createDirectories(rig.dir.resolve("recordings"));
    place(segments.get(0), recordings, 0);
    place(segments.get(1), recordings, 1);
    Path stray = Files.createDirectories(recordings.resolve("notes"));
    Files.writeString(stray.resolve("readme.txt"), "not a recording");

    try (Mosquitto mqtt = Mosquitto.start(rig.dir);
        IngestRig.Reader<Segment> announced = rig.reader(ContractTopic.SEGMENTS, Segment.class);
        IngestRig.Reader<Event> events = rig.reader(ContractTopic.EVENTS, Event.class);
        IngestRig.Reader<ClipReady> clips =
            rig.reader(ContractTopic.CLIPS_READY, ClipReady.class)) {
      Map<String, String> flags = rig.flags("ingest,planner,renderer");
      flags.put("ingest.folder.root", recordings.toString());
      flags.put("ingest.folder.settle.ms", "1500");
      flags.put("ingest.folder.poll.ms", "500");
      flags.put("ingest.folder.ledger.topic", "ledger-" + rig.run);
      flags.put("ingest.mqtt.url", mqtt.url());
      flags.put("ingest.mqtt.client.id", "clipstream-" + rig.run);
      flags.put("ingest.camera.scale", CAMERA + "=2");
      flags.put("storage.uri", rig.dir.resolve("clips").toUri().toString());
      flags.put("sources.allowed.roots", recordings.toString());
      flags.put("render.work.dir", rig.dir.resolve("render-work").toString());
      flags.put("planner.preroll.ms", "1000");
      flags.put("planner.postroll.ms", "1000");
      flags.put("planner.grace.ms", "1000");
      flags.put("planner.idle.advance.ms", "1000");
      flags.put("planner.segment.wait.ms", "5000");

      // 1. clipstream index, once: the two complete files, not the stray one.
      FolderIndexerOnce once = new FolderIndexerOnce(rig, flags);
      assertThat(once.run().announced()).isEqualTo(2);
      assertThat(once.run().announced()).as("a second run finds nothing new").isZero();
      List<ConsumerRecord<String, Segment>> first = announced.await(2, r -> true, null);
      Segment s0 = first.get(0).value();
      assertThat(first.get(0).key()).isEqualTo(CAMERA);
      assertThat(s0.getStart()).isEqualTo(T0);
      assertThat(Duration.between(s0.getStart(), s0.getEnd())).isEqualTo(Duration.ofSeconds(10));
      assertThat(s0.getWidth()).isEqualTo(768);
      assertThat(s0.getCodec()).isEqualTo("h264");
      assertThat(s0.getFps()).isEqualTo(10.0);
      assertThat(Path.of(URI.create(s0.getUri()))).isEqualTo(recordings.resolve(frigatePath(0)));

      // 2. The watcher (ingest role): a new file appears, another is still being written.
      Instant newStart = T0.plusSeconds(20);
      try (ClipstreamApp app = rig.start(flags)) {
        place(segments.get(2), recordings, 2);
        Path growing = recordings.resolve(frigatePath(3));
        byte[] whole = Files.readAllBytes(segments.get(3));
        Files.createDirectories(growing.getParent());
        Files.write(growing, java.util.Arrays.copyOf(whole, whole.length / 2));
        announced.await(3, r -> true, app);
        for (int i = 0; i < 6; i++) { // still being written: touched, never announced
          Files.setLastModifiedTime(growing, FileTime.from(Instant.now()));
          Thread.sleep(500);
        }
        assertThat(announced.settle(Duration.ofMillis(500))).hasSize(3);
        assertThat(announced.seen.get(2).value().getStart()).isEqualTo(newStart);
        Files.write(growing, whole); // finished
        announced.await(4, r -> true, app);

        // 3. Frigate's event: new, then Clipstream restarts, then update and end.
        mqtt.publish("frigate/events", frigate("new", 3, 14, null, new int[] {195, 10, 255, 195}));
        events.await(1, r -> true, app);
      }
      mqtt.publish("frigate/events", frigate("update", 3, 17, null, new int[] {190, 12, 250, 195}));
      mqtt.publish("frigate/events", frigate("end", 3, 21, 21.0, new int[] {185, 12, 245, 195}));
      try (ClipstreamApp app = rig.start(flags)) {
        List<ConsumerRecord<String, Event>> lifecycle =
            events.await(1, r -> r.value().getEnd() != null, app);
        assertThat(lifecycle.get(0).value().getEnd()).isEqualTo(T0.plusSeconds(21));
        assertThat(events.seen).hasSizeGreaterThanOrEqualTo(3);

        ClipReady clip = clips.await(1, r -> true, app).get(0).value();
        assertThat(clip.getEventId()).isEqualTo("frigate-it-1");
        JsonNode sidecar =
            new ObjectMapper().readTree(Path.of(URI.create(clip.getSidecarUri())).toFile());
        Map<Double, Instant> observed = new java.util.HashMap<>();
        for (JsonNode frame : sidecar.path("frames")) {
          for (JsonNode box : frame.path("boxes")) {
            if (box.path("origin").asText().equals("observed")) {
              observed.putIfAbsent(
                  box.path("x1").asDouble(), Instant.parse(frame.path("wallClock").asText()));
            }
          }
        }
        assertThat(observed).as("Frigate's boxes at scale 2, drawn").containsKeys(390.0, 380.0);
        assertThat(Duration.between(T0.plusSeconds(14), observed.get(390.0)).abs())
            .as("the new message's box on the frame of its frame_time")
            .isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.between(T0.plusSeconds(17), observed.get(380.0)).abs())
            .isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(announced.settle(Duration.ofSeconds(2)))
            .as("no file announced twice across the restarts")
            .hasSize(4);
      }
    }
  }

  private static byte[] frigate(String type, int startS, int frameS, Double endS, int[] box) {
    String end = endS == null ? "null" : Double.toString(T0.getEpochSecond() + endS);
    String json =
        "{\"type\":\""
            + type
            + "\",\"before\":{},\"after\":{\"id\":\"frigate-it-1\",\"camera\":\""
            + CAMERA
            + "\",\"label\":\"person\",\"sub_label\":null,\"score\":0.8,\"top_score\":0.8,"
            + "\"start_time\":"
            + (T0.getEpochSecond() + startS)
            + ".0,\"end_time\":"
            + end
            + ",\"frame_time\":"
            + (T0.getEpochSecond() + frameS)
            + ".0,\"box\":["
            + box[0]
            + ","
            + box[1]
            + ","
            + box[2]
            + ","
            + box[3]
            + "],\"current_zones\":[\"porch\"],"
            + "\"entered_zones\":[\"porch\"]}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String frigatePath(int index) {
    return Footage.frigatePath(CAMERA, T0.plusSeconds(10L * index));
  }

  private static void place(Path cut, Path recordings, int index) throws IOException {
    Path target = recordings.resolve(frigatePath(index));
    Files.createDirectories(target.getParent());
    Files.copy(cut, target, StandardCopyOption.REPLACE_EXISTING);
    // As if written when its 10 s ended: old enough to count as complete.
    Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(60)));
  }

  /** {@code clipstream index}'s work, in-process, with the IT's configuration. */
  private record FolderIndexerOnce(IngestRig rig, Map<String, String> flags) {
    io.clipstream.ingest.folder.FolderIndexer.Scan run() {
      var config =
          io.clipstream.config.ConfigLoader.load(java.util.Optional.empty(), Map.of(), flags);
      try (var service =
          io.clipstream.ingest.folder.FolderIndexService.open(
              config.ingestFolder().orElseThrow(),
              new java.util.HashMap<>(config.kafkaClientProperties()),
              config.serdeConfig(),
              config.applicationId())) {
        return service.indexOnce();
      }
    }
  }
}
