package io.clipstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This process's resident memory from {@code /proc/self/status} (Linux): VmRSS now, VmHWM the peak,
 * plus a sampler for when the peak cannot be reset.
 */
public final class Rss {

  private static final Path STATUS = Path.of("/proc/self/status");

  private Rss() {}

  /** VmRSS in KiB, or -1 when unavailable. */
  public static long currentKib() {
    return field("VmRSS:");
  }

  /** VmHWM (peak resident set) in KiB, or -1 when unavailable. */
  public static long peakKib() {
    return field("VmHWM:");
  }

  /** Resets VmHWM to the current RSS (writes 5 to /proc/self/clear_refs); false if not allowed. */
  public static boolean resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static long parse(String status, String name) {
    for (String line : status.split("\n")) {
      if (line.startsWith(name)) {
        String[] parts = line.substring(name.length()).trim().split("\\s+");
        return Long.parseLong(parts[0]);
      }
    }
    return -1;
  }

  private static long field(String name) {
    try {
      return parse(Files.readString(STATUS), name);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Samples VmRSS every few milliseconds on a daemon thread and keeps the maximum. */
  public static final class Sampler implements AutoCloseable {
    private final AtomicLong max = new AtomicLong(currentKib());
    private volatile boolean running = true;
    private final Thread thread;

    public Sampler() {
      thread =
          new Thread(
              () -> {
                while (running) {
                  max.accumulateAndGet(currentKib(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "clipstream-rss-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    /** The largest VmRSS seen so far, in KiB. */
    public long maxKib() {
      return max.get();
    }

    @Override
    public void close() {
      running = false;
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      max.accumulateAndGet(currentKib(), Math::max);
    }
  }
}
