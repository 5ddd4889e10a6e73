package io.clipstream.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.ingest.Fixtures;
import io.clipstream.ingest.mapping.BoxScales;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionPayloadsTest {

  private static final long RECORD_TIME = 1_716_529_000_000L;
  private final DetectionPayloads auto = new DetectionPayloads(DetectionPayloads.Format.AUTO);

  private static MessageContext context(String key) {
    return new MessageContext(key, RECORD_TIME, Optional.empty(), BoxScales.none());
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldMapDeepStreamFullSchemaToOneDetectionInSourcePixels() {
    DetectionFrame frame = auto.map(Fixtures.bytes("deepstream-full.json"), context(null));

    assertThat(frame.getCameraId()).isEqualTo("cam-gate");
    assertThat(frame.getCaptureTime()).isEqualTo(Instant.parse("2024-05-24T05:53:06.200Z"));
    assertThat(frame.getDetections()).hasSize(1);
    Detection d = frame.getDetections().get(0);
    assertThat(d.getLabel()).isEqualTo("vehicle");
    assertThat(d.getTrackId()).isEqualTo(42L);
    assertThat(d.getBox().getX1()).isEqualTo(585f);
    assertThat(d.getBox().getY1()).isEqualTo(472f);
    assertThat(d.getBox().getX2()).isEqualTo(642f);
    assertThat(d.getBox().getY2()).isEqualTo(518f);
    assertThat(d.getAttributes())
        .containsEntry("vehicle.license", "XX1234")
        .containsEntry("event.type", "entry")
        .containsEntry("score", "not given");
    assertThat(frame.getModel()).contains("84a3a0ad-7eb8-49a2-9aa7-104ded6764d0");
  }

  @Test
  void shouldKeepTwoFullSchemaObjectsOfOneInstantApartByMessageId() {
    DetectionFrame vehicle = auto.map(Fixtures.bytes("deepstream-full.json"), context(null));
    DetectionFrame person = auto.map(Fixtures.bytes("deepstream-full-person.json"), context(null));

    assertThat(person.getCaptureTime()).isEqualTo(vehicle.getCaptureTime());
    assertThat(person.getModel()).isNotEqualTo(vehicle.getModel());
    Detection p = person.getDetections().get(0);
    assertThat(p.getLabel()).isEqualTo("person");
    assertThat(p.getTrackId()).as("object id -1 is DeepStream's untracked").isNull();
    assertThat(p.getScore()).isEqualTo(0.87f);
  }

  @Test
  void shouldMapDeepStreamMinimalSchemaToOneFrameWithEveryObject() {
    DetectionFrame frame = auto.map(Fixtures.bytes("deepstream-minimal.json"), context("ignored"));

    assertThat(frame.getCameraId()).isEqualTo("cam-gate");
    assertThat(frame.getFrameIndex()).isEqualTo(1502L);
    assertThat(frame.getCaptureTime()).isEqualTo(Instant.parse("2024-05-24T05:53:06.240Z"));
    assertThat(frame.getDetections())
        .extracting(Detection::getLabel, Detection::getTrackId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Car", 7L),
            org.assertj.core.groups.Tuple.tuple("Person", 12L));
    assertThat(frame.getDetections().get(0).getBox().getX2()).isEqualTo(310f);
  }

  @Test
  void shouldScaleBoxesFromTheDetectorStreamToTheRecording() {
    MessageContext scaled =
        new MessageContext(
            null, RECORD_TIME, Optional.empty(), new BoxScales(Map.of("cam-gate", 3.0)));

    DetectionFrame frame = auto.map(Fixtures.bytes("deepstream-minimal.json"), scaled);

    Detection car = frame.getDetections().get(0);
    assertThat(car.getBox().getX1()).isEqualTo(564f);
    assertThat(car.getBox().getY2()).isEqualTo(1296f);
  }

  @Test
  void shouldReadTheGenericLineRenderReadsWithKeyAndRecordTimeAsFallbacks() {
    DetectionFrame frame =
        auto.map(
            json(
                "{\"bbox\":[10,20,30,40],\"label\":\"car\",\"score\":0.5,\"track_id\":3,\"color\":[255,0,16]}"),
            context("cam-key"));

    assertThat(frame.getCameraId()).isEqualTo("cam-key");
    assertThat(frame.getCaptureTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
    Detection d = frame.getDetections().get(0);
    assertThat(d.getColor()).isEqualTo("#FF0010");
    assertThat(d.getTrackId()).isEqualTo(3L);
  }

  @Test
  void shouldReadAGenericFrameOfDetections() {
    DetectionFrame frame =
        auto.map(
            json(
                "{\"camera_id\":\"cam-1\",\"capture_time\":\"2024-05-24T05:53:06.200Z\","
                    + "\"frame_width\":640,\"frame_height\":360,\"detections\":["
                    + "{\"bbox\":[1,2,3,4],\"label\":\"a\",\"score\":0.9},"
                    + "{\"bbox\":[5,6,7,8],\"label\":\"b\",\"score\":0.8}]}"),
            context(null));

    assertThat(frame.getDetections()).hasSize(2);
    assertThat(frame.getFrameWidth()).isEqualTo(640);
  }

  @Test
  void shouldRefuseAnUnknownDeepStreamSchemaVersionNamingTheVersionsItReads() {
    assertThatThrownBy(() -> auto.map(Fixtures.bytes("deepstream-minimal-v5.json"), context(null)))
        .isInstanceOf(UnmappableMessageException.class)
        .hasMessageContaining("unknown schema version 5.0")
        .hasMessageContaining("4.x");
    assertThatThrownBy(
            () ->
                auto.map(
                    json("{\"mdsversion\":\"2.0\",\"sensor\":{\"id\":\"c\"},\"object\":{}}"),
                    context(null)))
        .hasMessageContaining("mdsversion=2.0");
  }

  @Test
  void shouldRefuseWrongJsonWithTheReason() {
    assertThatThrownBy(() -> auto.map(json("{\"bbox\": [1,2,"), context("c")))
        .isInstanceOf(UnmappableMessageException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> auto.map(json("[1,2,3]"), context("c")))
        .hasMessageContaining("one JSON object per message");
    assertThatThrownBy(() -> auto.map(json("{\"hello\":1}"), context("c")))
        .hasMessageContaining("not a detection message in any known shape")
        .hasMessageContaining("hello");
    assertThatThrownBy(() -> auto.map(new byte[0], context("c")))
        .hasMessageContaining("empty message");
  }

  @Test
  void shouldRefuseBoxesOutsideTheFrameOrInverted() {
    assertThatThrownBy(
            () ->
                auto.map(
                    json(
                        "{\"frame_width\":640,\"frame_height\":360,\"bbox\":[700,10,800,50],"
                            + "\"label\":\"car\",\"score\":0.5}"),
                    context("c")))
        .hasMessageContaining("wholly outside the 640x360 frame");
    assertThatThrownBy(
            () ->
                auto.map(
                    json(
                        "{\"version\":\"4.0\",\"sensorId\":\"c\",\"objects\":[\"1|50|50|10|10|Car\"]}"),
                    context(null)))
        .hasMessageContaining("objects[0]")
        .hasMessageContaining("empty or inverted");
    assertThatThrownBy(
            () ->
                auto.map(
                    json(
                        "{\"version\":\"4.0\",\"sensorId\":\"c\",\"objects\":[\"1|x|50|10|10|Car\"]}"),
                    context(null)))
        .hasMessageContaining("'x' is not a number");
  }

  @Test
  void shouldRefuseAMessageWithoutAnyCameraNamingTheThreeWaysToGiveOne() {
    assertThatThrownBy(
            () -> auto.map(json("{\"bbox\":[1,2,3,4],\"label\":\"car\"}"), context(null)))
        .hasMessageContaining("no camera id")
        .hasMessageContaining("ingest.camera.default");
    MessageContext withDefault =
        new MessageContext(null, RECORD_TIME, Optional.of("cam-default"), BoxScales.none());
    assertThat(auto.map(json("{\"bbox\":[1,2,3,4],\"label\":\"car\"}"), withDefault).getCameraId())
        .isEqualTo("cam-default");
  }

  @Test
  void shouldReadAGenericEventLikePublishDoes() {
    var event =
        GenericEvents.map(
            json(
                "{\"event_id\":\"ev-1\",\"trigger\":\"loitering\",\"start\":\"2024-05-24T05:53:06Z\","
                    + "\"end\":1716529996000,\"focus_track_ids\":[7],\"attributes\":{\"zone\":\"gate\"}}"),
            context("cam-1"));

    assertThat(event.getCameraId()).isEqualTo("cam-1");
    assertThat(event.getEnd()).isEqualTo(Instant.ofEpochMilli(1716529996000L));
    assertThat(event.getFocusTrackIds()).containsExactly(7L);
    assertThatThrownBy(
            () ->
                GenericEvents.map(
                    json("{\"event_id\":\"e\",\"trigger\":\"t\",\"start\":5000,\"end\":1000}"),
                    context("c")))
        .hasMessageContaining("is before 'start'");
  }
}
