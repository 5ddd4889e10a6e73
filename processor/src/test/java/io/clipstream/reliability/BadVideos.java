package io.clipstream.reliability;

import io.clipstream.media.SyntheticVideo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Bad recordings for the corpus, made at test time: small, deterministic, named like NVR files. */
final class BadVideos {

  private BadVideos() {}

  /** 50 KiB of random bytes named .mp4. */
  static Path corrupt(Path dir) throws Exception {
    byte[] noise = new byte[50 * 1024];
    new Random(42).nextBytes(noise);
    return Files.write(dir.resolve("corrupt.mp4"), noise);
  }

  /**
   * The first half of a real MP4 whose index ({@code moov}) is at the end, as a recorder killed
   * mid-write leaves it.
   */
  static Path truncated(Path dir) throws Exception {
    Path whole =
        SyntheticVideo.builder()
            .size(320, 240)
            .fps(10, 1)
            .frames(200)
            .gop(10)
            .writeTo(dir.resolve("whole.mp4"));
    byte[] bytes = Files.readAllBytes(whole);
    Files.delete(whole);
    return Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
  }

  static Path empty(Path dir) throws Exception {
    return Files.write(dir.resolve("empty.mp4"), new byte[0]);
  }

  /** A PNG picture named .mp4. */
  static Path png(Path dir) throws Exception {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return Files.write(dir.resolve("picture.mp4"), out.toByteArray());
  }

  /** One second of 8 kHz mono 16-bit PCM in a WAV container, named .mp4. */
  static Path wav(Path dir) throws Exception {
    int samples = 8000;
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (Math.sin(i * 2 * Math.PI * 440 / 8000) * 8000));
    }
    return Files.write(dir.resolve("sound.mp4"), b.array());
  }

  /** 20 s of 320x240 at 10 fps: a camera whose resolution changed between two segments. */
  static Path small(Path dir) throws Exception {
    return SyntheticVideo.builder()
        .size(320, 240)
        .fps(10, 1)
        .frames(200)
        .gop(10)
        .writeTo(dir.resolve("small-320x240.mp4"));
  }
}
