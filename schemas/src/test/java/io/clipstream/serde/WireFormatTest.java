package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void shouldWriteMagicByteAndBigEndianSchemaId() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WireFormat.writeHeader(out, 0x01020304);
    assertThat(out.toByteArray()).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldReadBackTheSchemaIdIncludingTheLargestIds() {
    for (int id : new int[] {1, 255, 256, 65_536, Integer.MAX_VALUE}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      WireFormat.writeHeader(out, id);
      out.write(42);
      assertThat(WireFormat.schemaId(out.toByteArray())).isEqualTo(id);
    }
  }

  @Test
  void shouldAcceptAHeaderWithAnEmptyBody() {
    // A record of a schema with no fields encodes to zero bytes of Avro.
    assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 0, 7})).isEqualTo(7);
  }

  @Test
  void shouldExplainThatAnEmptyRecordIsNotATombstone() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[0]))
        .hasMessageContaining("empty (0 bytes)")
        .hasMessageContaining("(tombstone) is a null value");
  }

  @Test
  void shouldRefuseARecordShorterThanTheHeader() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
        .hasMessageContaining("3 bytes long, shorter than the 5-byte Confluent wire-format header");
  }

  @Test
  void shouldSayJsonWhenTheFirstByteIsABrace() {
    byte[] json =
        "{\"event_id\":\"violation_001\",\"timestamp\":1716530001.2}"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WireFormat.schemaId(json))
        .hasMessageContaining("not Confluent wire format: first byte was 0x7B")
        .hasMessageContaining("looks like JSON")
        .hasMessageContaining("{\"event_id\":\"violation_001\"")
        .hasMessageContaining("does not use the Confluent Avro serializer");
  }

  @Test
  void shouldSayTextWhenTheBytesArePrintable() {
    assertThatThrownBy(() -> WireFormat.schemaId("camera-7".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("first byte was 0x63")
        .hasMessageContaining("looks like text (\"camera-7\")");
  }

  @Test
  void shouldNameTheUnexpectedMagicByteOfBinaryData() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1, 2}))
        .hasMessageContaining("first byte was 0x01 where 0x00 was expected")
        .hasMessageNotContaining("looks like");
  }
}
