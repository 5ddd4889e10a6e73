package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.media.SyntheticVideo;
import io.clipstream.media.VideoSource;
import io.clipstream.render.request.RenderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderCacheTest {

  @TempDir Path dir;

  @Test
  void shouldContinueTheNextWindowOfTheSameFileWithoutReopeningOrSeeking() throws Exception {
    SyntheticVideo video =
        SyntheticVideo.builder().fps(25, 1).frames(250).gop(250); // one GOP: seeks are costly
    Path file = video.writeTo(dir.resolve("camera.mp4"));
    RenderSettings plain = RenderSettings.builder().thumbnail(false).build();
    try (DecoderCache cache = new DecoderCache(2);
        ClipRenderer renderer = new ClipRenderer(cache, DecodeMode.auto())) {
      renderer.render(
          TestClips.request(
              dir,
              "first",
              List.of(TestClips.source(file, 2_000_000, 4_000_000, Instant.EPOCH, List.of())),
              plain));
      long decodedAfterFirst = cache.decodedFrames();
      long missesAfterFirst = cache.misses();
      ClipResult second =
          renderer.render(
              TestClips.request(
                  dir,
                  "second",
                  List.of(TestClips.source(file, 4_000_000, 6_000_000, Instant.EPOCH, List.of())),
                  plain));
      assertThat(cache.misses()).isEqualTo(missesAfterFirst);
      assertThat(cache.hits()).isGreaterThanOrEqualTo(2);
      assertThat(cache.decodedFrames() - decodedAfterFirst)
          .isEqualTo(50); // exactly the second window
      assertThat(TestClips.decodeNumbers(second.video(), 320, 240).get(0)[1]).isEqualTo(100);
    }
  }

  @Test
  void shouldEvictTheLeastRecentlyUsedDecoderBeyondItsCapacity() throws Exception {
    Path a = SyntheticVideo.builder().frames(10).writeTo(dir.resolve("a.mp4"));
    Path b = SyntheticVideo.builder().frames(10).writeTo(dir.resolve("b.mp4"));
    try (DecoderCache cache = new DecoderCache(1)) {
      VideoSource first = cache.acquire(a.toString(), 0, 0);
      cache.release(first);
      cache.release(cache.acquire(b.toString(), 0, 0));
      assertThat(cache.evictions()).isEqualTo(1);
      assertThat(cache.idleCount()).isEqualTo(1);
      cache.release(cache.acquire(a.toString(), 0, 0));
      assertThat(cache.misses()).isEqualTo(3);
      assertThat(cache.hits()).isZero();
    }
  }

  @Test
  void shouldHandOutADecoderToOneOwnerAtATime() throws Exception {
    Path a = SyntheticVideo.builder().frames(10).writeTo(dir.resolve("a.mp4"));
    try (DecoderCache cache = new DecoderCache(2)) {
      VideoSource one = cache.acquire(a.toString(), 0, 0);
      VideoSource two = cache.acquire(a.toString(), 0, 0);
      assertThat(two).isNotSameAs(one);
      cache.release(one);
      cache.release(two);
      assertThat(cache.idleCount()).isEqualTo(1);
    }
  }
}
