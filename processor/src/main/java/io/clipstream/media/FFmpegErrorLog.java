package io.clipstream.media;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegLogCallback;

/**
 * FFmpeg's log callback (JavaCV's, which prints through JavaCPP's logger) that also keeps the last
 * error lines of each thread: some failures explain themselves only in the log (NVENC's "
 * OpenEncodeSessionEx failed: unsupported device"), while the return code says "Could not open
 * video codec". FFmpeg logs on the thread that made the call, so a thread reads its own lines.
 */
final class FFmpegErrorLog extends FFmpegLogCallback {

  private static final int KEPT = 8;

  /** "[h264_nvenc @ 0x7ff7a83254c0] ": the component and a pointer, noise in a message. */
  private static final Pattern CONTEXT = Pattern.compile("^\\[[^\\]]* @ 0x[0-9a-fA-F]+\\]\\s*");

  private final ThreadLocal<Deque<String>> recent = ThreadLocal.withInitial(ArrayDeque::new);

  @Override
  public void call(int level, BytePointer msg) {
    if (level <= avutil.AV_LOG_ERROR && msg != null) {
      String line = CONTEXT.matcher(msg.getString()).replaceFirst("").trim();
      if (!line.isEmpty()) {
        Deque<String> lines = recent.get();
        if (lines.size() == KEPT) {
          lines.removeFirst();
        }
        lines.addLast(line);
      }
    }
    super.call(level, msg);
  }

  /** Forgets this thread's lines: call before the native call whose errors you want. */
  void clear() {
    recent.get().clear();
  }

  /** The error lines this thread logged since {@link #clear}, oldest first. */
  List<String> lines() {
    return new ArrayList<>(recent.get());
  }
}
