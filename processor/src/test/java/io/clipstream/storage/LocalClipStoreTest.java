package io.clipstream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClipStoreTest {

  private static final String STEM =
      ClipKeys.stem("office-cam", "ev-1", Instant.parse("2024-05-24T05:53:00Z"), "clip-1");

  @TempDir Path work;
  @TempDir Path root;

  private ClipFiles render(String content, boolean thumbnail) throws IOException {
    Path dir = Files.createTempDirectory(work, "render");
    Path video = Files.writeString(dir.resolve("clip.mp4"), "mp4:" + content);
    Path sidecar = Files.writeString(dir.resolve("clip.json"), "{\"v\":\"" + content + "\"}");
    Optional<Path> jpg =
        thumbnail
            ? Optional.of(Files.writeString(dir.resolve("clip.jpg"), "jpg:" + content))
            : Optional.empty();
    return new ClipFiles("clip-1", video, sidecar, jpg);
  }

  private String read(String extension) throws IOException {
    return Files.readString(root.resolve(STEM + extension), StandardCharsets.UTF_8);
  }

  @Test
  void shouldStoreTheThreeFilesUnderTheStemAndLeaveNoTemporaryFiles() throws IOException {
    ClipFiles files = render("first", true);
    StoredClip stored = new LocalClipStore(root).store(files, STEM, false);

    assertThat(read(".mp4")).isEqualTo("mp4:first");
    assertThat(read(".json")).isEqualTo("{\"v\":\"first\"}");
    assertThat(read(".jpg")).isEqualTo("jpg:first");
    assertThat(stored.reused()).isFalse();
    assertThat(stored.video().uri()).isEqualTo(root.resolve(STEM + ".mp4").toUri());
    assertThat(stored.video().bytes()).isEqualTo(9);
    assertThat(stored.thumbnail()).isPresent();
    assertThat(stored.sha256())
        .isEqualTo(Digests.sha256Hex("mp4:first".getBytes(StandardCharsets.UTF_8)));
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
    }
  }

  @Test
  void shouldReuseAStoredClipOnReplayWithoutTouchingIt() throws IOException {
    LocalClipStore store = new LocalClipStore(root);
    StoredClip first = store.store(render("first", true), STEM, false);

    StoredClip replay = store.store(render("second", true), STEM, false);

    assertThat(replay.reused()).isTrue();
    assertThat(replay.sha256()).isEqualTo(first.sha256());
    assertThat(read(".mp4")).isEqualTo("mp4:first");
    assertThat(store.find("clip-1", STEM)).hasValueSatisfying(c -> assertThat(c.reused()).isTrue());
  }

  @Test
  void shouldOverwriteWhenForcedAndDropAStaleThumbnail() throws IOException {
    LocalClipStore store = new LocalClipStore(root);
    store.store(render("first", true), STEM, false);

    StoredClip forced = store.store(render("second", false), STEM, true);

    assertThat(forced.reused()).isFalse();
    assertThat(read(".mp4")).isEqualTo("mp4:second");
    assertThat(read(".json")).isEqualTo("{\"v\":\"second\"}");
    assertThat(forced.thumbnail()).isEmpty();
    assertThat(root.resolve(STEM + ".jpg")).doesNotExist();
  }

  @Test
  void shouldNotTakeLeftoversOfACrashForAStoredClip() throws IOException {
    Path video = root.resolve(STEM + ".mp4");
    Files.createDirectories(video.getParent());
    Files.writeString(video, "mp4:half"); // an MP4 without side-car: the crash came before it
    Files.writeString(video.resolveSibling(".clip-1.json.123.part"), "{");
    LocalClipStore store = new LocalClipStore(root);

    assertThat(store.find("clip-1", STEM)).isEmpty();
    StoredClip stored = store.store(render("whole", true), STEM, false);

    assertThat(stored.reused()).isFalse();
    assertThat(read(".mp4")).isEqualTo("mp4:whole");
  }

  @Test
  void shouldFailClearlyAndNotRetryableWhenARenderedFileIsMissing() throws IOException {
    ClipFiles files = render("x", false);
    Files.delete(files.video());

    assertThatThrownBy(() -> new LocalClipStore(root).store(files, STEM, false))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("does not exist")
        .hasMessageContaining(files.video().toString());
    assertThat(root.resolve(STEM + ".json")).doesNotExist();
  }

  @Test
  void shouldRefuseStemsThatWouldEscapeTheRoot() throws IOException {
    ClipFiles files = render("x", false);

    assertThatThrownBy(() -> new LocalClipStore(root).store(files, "../outside/clip", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(root.resolveSibling("outside")).doesNotExist();
  }
}
