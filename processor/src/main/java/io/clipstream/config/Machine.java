package io.clipstream.config;

import java.lang.management.ManagementFactory;

/**
 * What the defaults of the renderer's pool sizes are derived from; tests pass their own.
 *
 * @param cores processors available to the JVM (container-aware)
 * @param memoryBytes physical memory visible to the JVM (the container limit when there is one)
 * @param maxHeapBytes the JVM's maximum heap
 */
public record Machine(int cores, long memoryBytes, long maxHeapBytes) {

  /** This JVM's view of the machine. */
  public static Machine current() {
    long memory =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : Runtime.getRuntime().maxMemory() * 4; // no better guess without the extension
    return new Machine(
        Runtime.getRuntime().availableProcessors(), memory, Runtime.getRuntime().maxMemory());
  }
}
