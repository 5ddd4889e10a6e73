package io.clipstream.cli;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** One readable line per clip-ready or clip-failed record, for the demo's console. */
final class DemoReport {

  private DemoReport() {}

  static String ready(ClipReady c) {
    Duration length =
        Duration.between(c.getActualWindow().getStart(), c.getActualWindow().getEnd());
    return String.format(
        "clip ready   event %-12s %-16s camera %-10s %5.1f s, %4d frames %dx%d, %s, rendered in %d"
            + " ms%n             %s%n             thumbnail %s",
        c.getEventId(),
        c.getTrigger(),
        c.getCameraId(),
        length.toMillis() / 1000.0,
        c.getFrames(),
        c.getWidth(),
        c.getHeight(),
        humanBytes(c.getSizeBytes()),
        c.getRenderTimeMs(),
        local(c.getVideoUri()),
        c.getOptionalThumbnailUri().map(DemoReport::local).orElse("(none)"));
  }

  static String failed(ClipFailed f) {
    return String.format(
        "clip FAILED  event %-12s camera %-10s %s: %s",
        f.getOptionalEventId().orElse("?"),
        f.getOptionalCameraId().orElse("?"),
        f.getReason(),
        f.getMessage());
  }

  private static String local(String uri) {
    return uri.startsWith("file:") ? Path.of(URI.create(uri)).toString() : uri;
  }

  private static String humanBytes(long bytes) {
    return bytes >= 1 << 20
        ? String.format("%.1f MiB", bytes / (double) (1 << 20))
        : String.format("%d KiB", bytes >> 10);
  }
}
