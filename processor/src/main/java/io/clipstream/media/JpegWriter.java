package io.clipstream.media;

import io.clipstream.image.YuvImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes one YUV420P picture as a JPEG with FFmpeg's MJPEG encoder (no RGB round trip through
 * Java2D); the limited-range video picture is converted to JPEG's full range by swscale. Atomic
 * like the clips.
 */
public final class JpegWriter {

  private JpegWriter() {}

  /**
   * @param picture a packed picture (stride = width), as {@link YuvFrames#allocatePacked} makes
   */
  public static Path write(YuvFrames.Packed picture, Path target) {
    FFmpegRuntime.init();
    YuvImage image = picture.image();
    Path temp = AtomicFiles.temporarySibling(target);
    FFmpegFrameRecorder recorder =
        new FFmpegFrameRecorder(temp.toString(), image.width(), image.height(), 0);
    recorder.setFormat("mjpeg");
    recorder.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
    recorder.setFrameRate(1);
    recorder.setVideoQuality(3); // qscale: 2 (best) .. 31
    boolean done = false;
    try {
      recorder.start();
      recorder.recordImage(
          image.width(),
          image.height(),
          Frame.DEPTH_UBYTE,
          1,
          image.width(),
          avutil.AV_PIX_FMT_YUV420P,
          picture.buffer());
      recorder.stop();
      AtomicFiles.moveIntoPlace(temp, target);
      done = true;
      return target;
    } catch (FrameRecorder.Exception e) {
      throw VideoSource.wrap("mjpeg encode", e, target.toString(), "could not write the thumbnail");
    } finally {
      try {
        recorder.release();
      } catch (FrameRecorder.Exception ignored) {
        // already reported through the main failure, or nothing to release
      }
      if (!done) {
        ClipEncoder.deleteQuietly(temp);
      }
    }
  }
}
