package io.clipstream.cli;

import io.clipstream.serde.AvroSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * The demo's bundled sample (made by {@code samples/demo/make_demo_data.py}): NVR-style segments of
 * real CC-BY footage, detections from a real detector, and events. {@link #extract} writes it to a
 * directory with the segment URIs pointing there.
 */
record DemoData(Path recordings, Path segments, Path detections, Path events) {

  private static final String ROOT = "/demo/";
  private static final String PLACEHOLDER = "${recordings}";
  private static final Pattern RECORDING = Pattern.compile("\\$\\{recordings}/([A-Za-z0-9._/-]+)");

  static DemoData extract(Path dir) {
    try {
      Path recordings = dir.resolve("recordings").toAbsolutePath().normalize();
      Path input = dir.resolve("input");
      Files.createDirectories(input);
      String segments = text("segments.jsonl");
      for (String file : recordingFiles(segments)) {
        Path target = recordings.resolve(file).normalize();
        if (!target.startsWith(recordings)) {
          throw new IllegalStateException("Bundled segment path escapes the directory: " + file);
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = resource("recordings/" + file)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      String base = recordings.toUri().toString().replaceFirst("/$", "");
      return new DemoData(
          recordings,
          write(input.resolve("segments.jsonl"), segments.replace(PLACEHOLDER, base)),
          write(input.resolve("detections.jsonl"), text("detections.jsonl")),
          write(input.resolve("events.jsonl"), text("events.jsonl")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack the demo sample into " + dir, e);
    }
  }

  /** Distinct event ids: one clip is expected for each. */
  Set<String> eventIds() {
    Pattern id = Pattern.compile("\"event_id\"\\s*:\\s*\"([^\"]+)\"");
    Set<String> ids = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(events)) {
        Matcher m = id.matcher(line);
        if (m.find()) {
          ids.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /**
   * Publishes segments, detections, then events, as {@code clipstream publish} would, to the topic
   * {@code topicOf} names for each kind; returns what went where.
   *
   * @param serdeConfig the registry settings of the Avro serializer
   */
  List<PublishSender.Summary> publish(
      String bootstrapServers, Map<String, ?> serdeConfig, Function<PublishKind, String> topicOf)
      throws IOException, ExecutionException, InterruptedException {
    return publish(bootstrapServers, Map.of(), serdeConfig, topicOf);
  }

  /**
   * As {@link #publish(String, Map, Function)}, with {@code clientSettings} (security settings, for
   * instance) added to the producer's.
   */
  List<PublishSender.Summary> publish(
      String bootstrapServers,
      Map<String, String> clientSettings,
      Map<String, ?> serdeConfig,
      Function<PublishKind, String> topicOf)
      throws IOException, ExecutionException, InterruptedException {
    Map<String, Object> producer = PublishSender.producerConfig(bootstrapServers, clientSettings);
    List<PublishSender.Summary> sent = new ArrayList<>();
    try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
      serializer.configure(serdeConfig, false);
      for (Map.Entry<PublishKind, Path> input :
          List.of(
              Map.entry(PublishKind.SEGMENTS, segments),
              Map.entry(PublishKind.DETECTIONS, detections),
              Map.entry(PublishKind.EVENTS, events))) {
        PublishFile file = PublishFile.read(input.getValue(), input.getKey());
        if (!file.valid()) {
          throw new IllegalStateException("The bundled sample is invalid: " + file.errors());
        }
        sent.add(
            PublishSender.send(
                producer, topicOf.apply(input.getKey()), serializer, file.records()));
      }
    }
    return sent;
  }

  private static List<String> recordingFiles(String segments) {
    List<String> files = new ArrayList<>();
    Matcher m = RECORDING.matcher(segments);
    while (m.find()) {
      files.add(m.group(1));
    }
    return files;
  }

  private static Path write(Path path, String text) throws IOException {
    return Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  private static String text(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = DemoData.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IOException(
          "The demo sample " + ROOT + name + " is missing from the jar; rebuild it");
    }
    return in;
  }
}
