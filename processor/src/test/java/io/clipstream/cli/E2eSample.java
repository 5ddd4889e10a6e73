package io.clipstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The bundled demo sample for tests outside this package (the container end-to-end test): the
 * recordings unpacked to a directory, the segments pointing at wherever those recordings were
 * uploaded ({@code ${recordings}} rewritten as {@code deploy/feed.sh} does), and publishing as
 * {@code clipstream publish} would, to the contract topics' default names.
 */
public final class E2eSample {

  private final DemoData data;

  private E2eSample(DemoData data) {
    this.data = data;
  }

  /**
   * Unpacks the sample into {@code dir}; the published segments point at {@code recordingsUri} (for
   * instance {@code s3://recordings}) instead of the unpacked files.
   */
  public static E2eSample extract(Path dir, String recordingsUri) throws IOException {
    DemoData local = DemoData.extract(dir);
    // extract() pointed the segments at the unpacked files: point them at the upload instead.
    String unpacked = local.recordings().toUri().toString().replaceFirst("/$", "");
    String uploaded = recordingsUri.replaceFirst("/$", "");
    Path segments = local.segments().resolveSibling("segments-uploaded.jsonl");
    Files.writeString(segments, Files.readString(local.segments()).replace(unpacked, uploaded));
    return new E2eSample(
        new DemoData(local.recordings(), segments, local.detections(), local.events()));
  }

  /** The unpacked recordings: upload each file under its path relative to this directory. */
  public Path recordings() {
    return data.recordings();
  }

  /** The segments as published (JSON lines). */
  public Path segments() {
    return data.segments();
  }

  /** The sample's event ids: one clip is expected for each. */
  public Set<String> eventIds() {
    return data.eventIds();
  }

  /** Publishes segments, detections, then events, to {@code cv.segments} etc.; what went where. */
  public List<String> publish(String bootstrapServers, String registryUrl)
      throws IOException, ExecutionException, InterruptedException {
    return data
        .publish(
            bootstrapServers,
            Map.of("schema.registry.url", registryUrl),
            kind -> kind.topic().defaultName())
        .stream()
        .map(String::valueOf)
        .toList();
  }
}
