package io.clipstream.schemacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCompatibilityCheckTest {

  private static final Path CURRENT = Path.of("src/main/avro");
  private static final Path RELEASED = Path.of("src/released");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void shouldAcceptTheCurrentContractsAgainstEveryReleasedVersion() {
    assertThat(new SchemaCompatibilityCheck(CompatibilityMode.BACKWARD).check(RELEASED, CURRENT))
        .isEmpty();
  }

  @Test
  void shouldKeepEveryContractFullyCompatibleSoOldConsumersSurviveNewProducers() {
    assertThat(new SchemaCompatibilityCheck(CompatibilityMode.FULL).check(RELEASED, CURRENT))
        .isEmpty();
  }

  @Test
  void shouldAcceptANewOptionalFieldWithADefault() throws IOException {
    Path changed =
        copyOfCurrentWith(
            "Event.avsc",
            event ->
                fields(event)
                    .addObject()
                    .put("name", "severity")
                    .put("doc", "How bad it is.")
                    .put("default", (String) null)
                    .set("type", JSON.createArrayNode().add("null").add("string")));

    assertThat(new SchemaCompatibilityCheck(CompatibilityMode.FULL).check(RELEASED, changed))
        .isEmpty();
  }

  @Test
  void shouldRefuseANewRequiredFieldBecauseOldEventsLackIt() throws IOException {
    Path changed =
        copyOfCurrentWith(
            "Event.avsc",
            event ->
                fields(event)
                    .addObject()
                    .put("name", "severity")
                    .put("type", "string")
                    .put("doc", "How bad it is."));

    List<SchemaCompatibilityCheck.Incompatibility> problems =
        new SchemaCompatibilityCheck(CompatibilityMode.BACKWARD).check(RELEASED, changed);

    assertThat(problems)
        .extracting(SchemaCompatibilityCheck.Incompatibility::type)
        .containsExactlyInAnyOrder(
            "io.clipstream.contracts.Event", "io.clipstream.contracts.RenderCommand");
    assertThat(problems)
        .allSatisfy(
            p -> {
              assertThat(p.release()).isEqualTo("1");
              assertThat(p.problem()).contains("READER_FIELD_MISSING_DEFAULT").contains("severity");
            });
  }

  @Test
  void shouldRefuseAChangedFieldTypeInANestedRecord() throws IOException {
    Path changed =
        copyOfCurrentWith(
            "common/BoundingBox.avsc",
            box -> ((ObjectNode) fields(box).get(0)).put("type", "string"));

    assertThat(new SchemaCompatibilityCheck(CompatibilityMode.BACKWARD).check(RELEASED, changed))
        .extracting(SchemaCompatibilityCheck.Incompatibility::type)
        .contains(
            "io.clipstream.contracts.BoundingBox",
            "io.clipstream.contracts.DetectionFrame",
            "io.clipstream.contracts.RenderCommand");
  }

  @Test
  void shouldRefuseARemovedType() throws IOException {
    Path changed = copyOfCurrentWith("Segment.avsc", segment -> {});
    Files.delete(changed.resolve("Segment.avsc"));

    assertThat(new SchemaCompatibilityCheck(CompatibilityMode.BACKWARD).check(RELEASED, changed))
        .singleElement()
        .satisfies(p -> assertThat(p.problem()).contains("released and is gone"));
  }

  @Test
  void shouldFailTheBuildStepWithAReportThatNamesTheTypeAndTheRemedy() throws IOException {
    Path changed =
        copyOfCurrentWith(
            "ClipReady.avsc",
            ready -> ((ObjectNode) fields(ready).get(0)).put("name", "clip_identifier"));

    assertThatThrownBy(
            () ->
                SchemaCompatibilityCheck.main(
                    new String[] {
                      "--released", RELEASED.toString(), "--current", changed.toString()
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io.clipstream.contracts.ClipReady vs release 1")
        .hasMessageContaining("clip_identifier")
        .hasMessageContaining("Make new fields optional with a default");
  }

  @Test
  void shouldNameTheMissingTypeWhenAReferencedFileIsGone() throws IOException {
    Path changed = copyOfCurrentWith("Segment.avsc", segment -> {});
    Files.delete(changed.resolve("common/Point.avsc"));

    assertThatThrownBy(() -> SchemaSet.load(changed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("io.clipstream.contracts.Point")
        .hasMessageContaining("references a type no file defines");
  }

  private Path copyOfCurrentWith(String file, Consumer<ObjectNode> change) throws IOException {
    Path copy = temp.resolve("current");
    try (Stream<Path> files = Files.walk(CURRENT)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(CURRENT.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    Path target = copy.resolve(file);
    ObjectNode schema = (ObjectNode) JSON.readTree(target.toFile());
    change.accept(schema);
    JSON.writeValue(target.toFile(), schema);
    return copy;
  }

  private static ArrayNode fields(ObjectNode record) {
    return (ArrayNode) record.get("fields");
  }
}
