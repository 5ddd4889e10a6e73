package io.clipstream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSegmentStoreTest {

  @TempDir Path dir;

  @Test
  void shouldStoreUnderTheDatedKeyAndDeleteOnlyWhatIsOlderThanTheCutoff() throws Exception {
    LocalSegmentStore store = new LocalSegmentStore(dir.resolve("nvr"));
    Path file = Files.write(dir.resolve("seg.mp4"), new byte[] {1, 2, 3, 4});
    String oldKey = SegmentKeys.key("door cam", Instant.parse("2024-05-24T09:00:00Z"));
    String newKey = SegmentKeys.key("door cam", Instant.parse("2024-05-24T09:01:00Z"));

    StoredObject old = store.put(oldKey, file);
    StoredObject fresh = store.put(newKey, file);
    Files.setLastModifiedTime(
        Path.of(old.uri()), FileTime.from(Instant.parse("2024-05-24T10:00:00Z")));

    assertThat(oldKey)
        .startsWith("door_cam--")
        .contains("/2024/05/24/")
        .endsWith("T090000.000Z.mp4");
    assertThat(old.bytes()).isEqualTo(4);
    assertThat(Path.of(fresh.uri()))
        .startsWith(dir.resolve("nvr"))
        .hasBinaryContent(new byte[] {1, 2, 3, 4});
    assertThat(store.deleteOlderThan(Instant.parse("2024-06-01T00:00:00Z"))).isEqualTo(1);
    assertThat(Path.of(old.uri())).doesNotExist();
    assertThat(Path.of(fresh.uri())).exists();
  }

  @Test
  void shouldRefuseKeysThatLeaveTheRootOrAreNotMp4() {
    LocalSegmentStore store = new LocalSegmentStore(dir);
    Path file = dir.resolve("x.mp4");
    assertThatThrownBy(() -> store.put("../etc/x.mp4", file))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put("cam/x.txt", file)).hasMessageContaining("must end in .mp4");
  }
}
