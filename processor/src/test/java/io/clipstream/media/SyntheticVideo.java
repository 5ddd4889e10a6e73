package io.clipstream.media;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.LongUnaryOperator;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes test videos with known ground truth, straight through JavaCV (not through the code under
 * test).
 *
 * <p>Frame {@code n} shows, on a mid-grey background, a white 32x32 square at {@link
 * #squareX(int)}, {@link #squareY(int)} and the number {@code n} as a 12-bit bar code of 16x16
 * black/white blocks along the bottom edge, which survives lossy re-encoding and identifies every
 * output frame's source frame.
 */
public final class SyntheticVideo {

  public static final int SQUARE = 32;
  public static final int BIT = 16;
  public static final int BITS = 12;

  private int width = 320;
  private int height = 240;
  private Rational fps = new Rational(30000, 1001);
  private int frames = 90;
  private int gop = 30;
  private String codec = "libx264";
  private LongUnaryOperator ptsOfFrame = n -> n;

  public static SyntheticVideo builder() {
    return new SyntheticVideo();
  }

  public SyntheticVideo size(int w, int h) {
    width = w;
    height = h;
    return this;
  }

  public SyntheticVideo fps(int num, int den) {
    fps = new Rational(num, den);
    return this;
  }

  public SyntheticVideo frames(int count) {
    frames = count;
    return this;
  }

  public SyntheticVideo gop(int frames) {
    gop = frames;
    return this;
  }

  /**
   * Presentation time of frame n in periods of the frame rate (variable timing: skip some periods).
   */
  public SyntheticVideo pts(LongUnaryOperator ticksOfFrame) {
    ptsOfFrame = ticksOfFrame;
    return this;
  }

  public static int squareX(int n, int width) {
    return 8 + (n * 4) % Math.max(1, width - SQUARE - 16);
  }

  public static int squareY(int n, int height) {
    return 8 + (n * 2) % Math.max(1, height - SQUARE - BIT - 24);
  }

  /**
   * Presentation time of frame n in microseconds, as a decoder reports it (rounded to the
   * microsecond).
   */
  public long ptsMicros(int n) {
    return fps.ticksToMicros(ptsOfFrame.applyAsLong(n));
  }

  public Path writeTo(Path file) throws Exception {
    try (FFmpegFrameRecorder recorder =
        new FFmpegFrameRecorder(file.toString(), width, height, 0)) {
      recorder.setFormat("mp4");
      recorder.setVideoCodecName(codec);
      recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(fps.toDouble());
      recorder.setGopSize(gop);
      recorder.setVideoOption("preset", "ultrafast");
      recorder.setVideoOption("crf", "18");
      recorder.setVideoOption("sc_threshold", "0"); // keyframes exactly every gop frames
      recorder.start();
      int cw = (width + 1) / 2;
      int ch = (height + 1) / 2;
      ByteBuffer picture = ByteBuffer.allocateDirect(width * height + 2 * cw * ch);
      for (int n = 0; n < frames; n++) {
        paint(picture, n);
        recorder.setFrameNumber(Math.toIntExact(ptsOfFrame.applyAsLong(n)));
        recorder.recordImage(
            width, height, Frame.DEPTH_UBYTE, 1, width, avutil.AV_PIX_FMT_YUV420P, picture);
      }
      recorder.stop();
    }
    return file;
  }

  private void paint(ByteBuffer p, int n) {
    int lumaSize = width * height;
    for (int i = 0; i < lumaSize; i++) {
      p.put(i, (byte) 110);
    }
    for (int i = lumaSize; i < p.capacity(); i++) {
      p.put(i, (byte) 128);
    }
    fill(p, squareX(n, width), squareY(n, height), SQUARE, SQUARE, 235);
    int barY = height - BIT - 4;
    for (int bit = 0; bit < BITS; bit++) {
      fill(p, 4 + bit * BIT, barY, BIT, BIT, ((n >> bit) & 1) == 1 ? 235 : 16);
    }
  }

  private void fill(ByteBuffer p, int x0, int y0, int w, int h, int luma) {
    for (int y = y0; y < y0 + h && y < height; y++) {
      for (int x = x0; x < x0 + w && x < width; x++) {
        p.put(y * width + x, (byte) luma);
      }
    }
  }

  /**
   * Reads the frame number from the bar code of a decoded picture (of any size, scaled
   * proportionally).
   */
  public static int readFrameNumber(
      io.clipstream.image.YuvImage image, int sourceWidth, int sourceHeight) {
    double sx = (double) image.width() / sourceWidth;
    double sy = (double) image.height() / sourceHeight;
    int barY = sourceHeight - BIT - 4;
    int n = 0;
    for (int bit = 0; bit < BITS; bit++) {
      int cx = (int) Math.round((4 + bit * BIT + BIT / 2.0) * sx);
      int cy = (int) Math.round((barY + BIT / 2.0) * sy);
      if (image.lumaAt(cx, cy) > 128) {
        n |= 1 << bit;
      }
    }
    return n;
  }
}
