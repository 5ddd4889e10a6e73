package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.BoundingBox;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.DurationStrategy;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Point;
import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.Segment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishFileTest {

  @TempDir Path dir;

  private PublishFile read(PublishKind kind, String... lines) throws IOException {
    Path file = dir.resolve(kind.name().toLowerCase() + ".jsonl");
    Files.write(file, List.of(lines));
    return PublishFile.read(file, kind);
  }

  @Test
  void shouldReadADetectionFrameWithABoxAsArrayOrObjectAndAnIsoTime() throws IOException {
    PublishFile file =
        read(
            PublishKind.DETECTIONS,
            "{\"camera_id\":\"cam-1\",\"capture_time\":\"2024-05-24T05:53:06.200Z\",\"detections\":"
                + "[{\"bbox\":[1,2,3.5,4],\"label\":\"person\",\"score\":0.9,\"track_id\":7},"
                + "{\"box\":{\"x1\":5,\"y1\":6,\"x2\":7,\"y2\":8},\"label\":\"car\",\"score\":1,"
                + "\"attributes\":{\"plate\":\"AB-123\"}}],\"model\":\"yolo\"}");

    assertThat(file.errors()).isEmpty();
    assertThat(file.records())
        .singleElement()
        .satisfies(l -> assertThat(l.key()).isEqualTo("cam-1"));
    DetectionFrame frame = (DetectionFrame) file.records().get(0).value();
    assertThat(frame.getCaptureTime()).isEqualTo(Instant.parse("2024-05-24T05:53:06.200Z"));
    assertThat(frame.getModel()).isEqualTo("yolo");
    Detection person = frame.getDetections().get(0);
    assertThat(person.getBox()).isEqualTo(new BoundingBox(1f, 2f, 3.5f, 4f));
    assertThat(person.getTrackId()).isEqualTo(7L);
    assertThat(person.getAttributes()).isEmpty();
    Detection car = frame.getDetections().get(1);
    assertThat(car.getBox()).isEqualTo(new BoundingBox(5f, 6f, 7f, 8f));
    assertThat(car.getOptionalTrackId()).isEmpty();
    assertThat(car.getAttributes()).isEqualTo(Map.of("plate", "AB-123"));
  }

  @Test
  void shouldReadEventsWithIsoOrEpochMillisTimesDefaultsAndRenderOptions() throws IOException {
    PublishFile file =
        read(
            PublishKind.EVENTS,
            "{\"event_id\":\"ev-1\",\"camera_id\":\"cam-1\",\"trigger\":\"loitering\","
                + "\"start\":\"2024-05-24T05:53:06Z\",\"end\":1716529996000}",
            "",
            "{\"event_id\":\"ev-2\",\"camera_id\":\"cam-2\",\"trigger\":\"intrusion\","
                + "\"start\":1716529986000,\"end\":null,\"focus_track_ids\":[7,9],"
                + "\"render_options\":{\"pre_roll_ms\":5000,\"duration_strategy\":\"STRIDE\","
                + "\"zones\":[]}}");

    assertThat(file.errors()).isEmpty();
    assertThat(file.records()).extracting(PublishFile.Line::number).containsExactly(1, 3);
    assertThat(file.records()).extracting(PublishFile.Line::key).containsExactly("cam-1", "cam-2");
    Event first = (Event) file.records().get(0).value();
    assertThat(first.getStart()).isEqualTo(Instant.parse("2024-05-24T05:53:06Z"));
    assertThat(first.getEnd()).isEqualTo(Instant.ofEpochMilli(1716529996000L));
    assertThat(first.getFocusTrackIds()).isEmpty();
    assertThat(first.getOptionalRenderOptions()).isEmpty();
    Event second = (Event) file.records().get(1).value();
    assertThat(second.getStart()).isEqualTo(Instant.ofEpochMilli(1716529986000L));
    assertThat(second.getOptionalEnd()).isEmpty();
    assertThat(second.getFocusTrackIds()).containsExactly(7L, 9L);
    assertThat(second.getRenderOptions().getPreRollMs()).isEqualTo(5000L);
    assertThat(second.getRenderOptions().getDurationStrategy()).isEqualTo(DurationStrategy.STRIDE);
  }

  @Test
  void shouldReadASegment() throws IOException {
    PublishFile file = read(PublishKind.SEGMENTS, PublishKind.SEGMENTS.example());

    assertThat(file.errors()).isEmpty();
    Segment segment = (Segment) file.records().get(0).value();
    assertThat(segment.getUri()).isEqualTo("file:///nvr/cam-1/0553.mp4");
    assertThat(segment.getStart()).isEqualTo(Instant.ofEpochMilli(1716529980000L));
    assertThat(segment.getFps()).isEqualTo(25.0);
    assertThat(segment.getOptionalSizeBytes()).isEmpty();
  }

  @Test
  void shouldAcceptTheExampleOfEveryKind() throws IOException {
    for (PublishKind kind : PublishKind.values()) {
      assertThat(read(kind, kind.example()).errors()).as(kind.name()).isEmpty();
    }
  }

  @Test
  void shouldReportEveryBadLineWithItsNumberFieldAndExpectedForm() throws IOException {
    PublishFile file =
        read(
            PublishKind.EVENTS,
            PublishKind.EVENTS.example(),
            "{\"event_id\":\"ev-2\",\"camera_id\":\"cam-1\",\"trigger\":\"t\",\"start\":\"yesterday\"}",
            "{\"event_id\":\"ev-3\",\"camera_id\":\"cam-1\",\"start\":1}",
            "not json",
            "{\"event_id\":\"ev-4\",\"camera_id\":\"cam-1\",\"trigger\":\"t\",\"start\":1,"
                + "\"focus_track_ids\":[1.5]}",
            "{\"event_id\":\"ev-5\",\"camera_id\":\"\",\"trigger\":\"t\",\"start\":1}",
            "{\"event_id\":\"ev-6\",\"camera_id\":\"c\",\"trigger\":\"t\",\"start\":1,"
                + "\"render_options\":{\"duration_strategy\":\"FAST\"}}");

    assertThat(file.valid()).isFalse();
    String path = file.path().toString();
    assertThat(file.errors())
        .containsExactly(
            path
                + ":2: start: not a time (got \"yesterday\"); expected an ISO-8601 time such as"
                + " \"2024-05-24T05:53:06.200Z\" or epoch milliseconds such as 1716529986200",
            path + ":3: trigger: is missing; expected a string",
            path
                + ":4: not valid JSON (Unrecognized token 'not': was expecting (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false')); expected one JSON"
                + " object per line",
            path + ":5: focus_track_ids[0]: wrong type (got 1.5); expected an integer",
            path + ":6: camera_id: must not be empty (it is the record key)",
            path
                + ":7: render_options.duration_strategy: unknown value (got \"FAST\"); expected"
                + " one of "
                + DurationStrategy.getClassSchema().getEnumSymbols());
  }

  @Test
  void shouldRefuseUnknownFieldsAndSuggestTheClosestName() throws IOException {
    PublishFile file =
        read(
            PublishKind.DETECTIONS,
            "{\"cameraId\":\"cam-1\",\"capture_time\":1,\"detections\":[]}",
            "{\"camera_id\":\"cam-1\",\"capture_time\":1,\"frame_idx\":60,\"detections\":[]}",
            "{\"camera_id\":\"cam-1\",\"capture_time\":1,\"detections\":"
                + "[{\"box\":[1,2,3,4],\"label\":\"p\",\"score\":1,\"colour\":\"#ff0000\"}]}",
            "{\"camera_id\":\"cam-1\",\"capture_time\":1,\"detections\":[],\"zzz\":1}");

    String path = file.path().toString();
    assertThat(file.errors().get(0))
        .startsWith(path + ":1: cameraId: unknown field; did you mean \"camera_id\"?");
    assertThat(file.errors().get(1))
        .startsWith(path + ":2: frame_idx: unknown field; did you mean \"frame_index\"?");
    assertThat(file.errors().get(2))
        .startsWith(path + ":3: detections[0].colour: unknown field; did you mean \"color\"?")
        .contains("fields of detections[0]: [box, label,");
    assertThat(file.errors().get(3))
        .isEqualTo(
            path
                + ":4: zzz: unknown field; fields of the record: [camera_id, capture_time,"
                + " frame_index, frame_width, frame_height, detections, model]");
  }

  @Test
  void shouldRefuseABoxOfTheWrongSizeAndAnEmptyFile() throws IOException {
    PublishFile box =
        read(
            PublishKind.DETECTIONS,
            "{\"camera_id\":\"c\",\"capture_time\":1,\"detections\":"
                + "[{\"box\":[1,2,3],\"label\":\"p\",\"score\":1}]}");
    assertThat(box.errors())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .endsWith(
            ":1: detections[0].box: wrong number of values (got [1,2,3]); expected an object"
                + " [x1, y1, x2, y2] of numbers, or an array of 4 numbers");

    assertThat(read(PublishKind.SEGMENTS, "", "  ").errors())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .endsWith(": no records (the file is empty)");
  }

  @Test
  void shouldReadTheRedactionExampleEventOfTheRedactionDocs() throws IOException {
    String line =
        Files.readAllLines(Path.of("..", "docs", "redaction.md")).stream()
            .filter(l -> l.startsWith("{\"event_id\":\"shop-0001\""))
            .findFirst()
            .orElseThrow(() -> new AssertionError("docs/redaction.md lost its example event"));

    PublishFile file = read(PublishKind.EVENTS, line);

    assertThat(file.errors()).isEmpty();
    Event event = (Event) file.records().get(0).value();
    assertThat(event.getFocusTrackIds()).containsExactly(62L);
    Redaction r = event.getRenderOptions().getRedaction();
    assertThat(r.getMethod()).isEqualTo("blur");
    assertThat(r.getPrivacyZones())
        .singleElement()
        .satisfies(
            z -> {
              assertThat(z.getName()).isEqualTo("till");
              assertThat(z.getClosed()).isTrue();
              assertThat(z.getPoints()).hasSize(4).contains(new Point(520f, 140f));
            });
  }
}
