package io.clipstream.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoryTest {

  @TempDir Path work;

  @Test
  void shouldRemoveRenderFilesNamedAfterTheStoredClipAndKeepOtherFilesInSuchADirectory()
      throws Exception {
    Path named = Files.createDirectories(work.resolve("clip-7f3a"));
    Files.write(named.resolve("clip-7f3a.mp4"), new byte[] {1, 2, 3});
    Files.write(named.resolve(".clip-7f3a.jpg.42.part"), new byte[] {1});
    Path mixed = Files.createDirectories(work.resolve("clip-9b2c"));
    Files.write(mixed.resolve("clip-9b2c.mp4"), new byte[] {1});
    Files.writeString(mixed.resolve("clip-other.mp4"), "another clip's name: not this render's");

    try (ScratchDirectory scratch = ScratchDirectory.claim(work)) {
      assertThat(scratch.held()).isTrue();
      assertThat(named).doesNotExist();
      assertThat(mixed.resolve("clip-other.mp4")).exists();
    }
  }

  @Test
  void shouldRemoveTheFilesOfRendersAKilledProcessLeftAndKeepEverythingElse() throws Exception {
    Path encoding = Files.createDirectories(work.resolve("clip-1"));
    Files.write(encoding.resolve("clip.mp4"), new byte[] {1, 2, 3});
    Path uploading = Files.createDirectories(work.resolve("clip-2"));
    Files.write(uploading.resolve(".clip.json.123.part"), new byte[] {1});
    Path empty = Files.createDirectories(work.resolve("clip-3"));
    Path foreign = Files.createDirectories(work.resolve("someone-elses"));
    Files.writeString(foreign.resolve("notes.txt"), "not a render");
    Path file = Files.writeString(work.resolve("readme.txt"), "not a directory");

    try (ScratchDirectory scratch = ScratchDirectory.claim(work)) {
      assertThat(scratch.held()).isTrue();
      assertThat(encoding).doesNotExist();
      assertThat(uploading).doesNotExist();
      assertThat(empty).doesNotExist();
      assertThat(foreign.resolve("notes.txt")).exists();
      assertThat(file).exists();
    }
  }

  @Test
  void shouldLeaveTheFilesAloneWhileAnotherRendererHoldsTheDirectory() throws Exception {
    try (ScratchDirectory first = ScratchDirectory.claim(work)) {
      Path rendering = Files.createDirectories(work.resolve("clip-1"));
      Files.write(rendering.resolve("clip.mp4"), new byte[] {1});

      try (ScratchDirectory second = ScratchDirectory.claim(work)) {
        assertThat(second.held()).isFalse();
        assertThat(rendering.resolve("clip.mp4")).as("the first one's render in progress").exists();
      }
    }
  }

  @Test
  void shouldCreateTheDirectoryWhenItDoesNotExistYet() {
    Path fresh = work.resolve("a/b");
    try (ScratchDirectory scratch = ScratchDirectory.claim(fresh)) {
      assertThat(scratch.held()).isTrue();
      assertThat(fresh).isDirectory();
    }
  }
}
