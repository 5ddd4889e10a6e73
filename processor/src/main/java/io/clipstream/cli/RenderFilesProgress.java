package io.clipstream.cli;

import io.clipstream.render.RenderProgress;
import io.clipstream.render.request.ClipRequest;
import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn in place at most ten times a second: {@code clip-1
 * [##########----------] 50% 150/300 frames 212 fps}.
 */
final class RenderFilesProgress implements RenderProgress {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final long started = System.nanoTime();
  private long lastDraw;
  private long total;
  private boolean drawn;

  RenderFilesProgress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public void frameWritten(ClipRequest request, long written, long expected) {
    total++;
    long now = System.nanoTime();
    if (!enabled || (now - lastDraw < REDRAW_NANOS && written < expected)) {
      return;
    }
    lastDraw = now;
    double fraction = Math.min(1.0, (double) written / expected);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = (now - started) / 1e9;
    err.printf(
        "\r%s [%s%s] %3d%%  %d/%d frames  %.0f fps ",
        request.clipId(),
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        Math.round(fraction * 100),
        written,
        expected,
        seconds > 0 ? total / seconds : 0);
    err.flush();
    drawn = true;
  }

  void done() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
