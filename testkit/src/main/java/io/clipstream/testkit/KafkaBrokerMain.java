package io.clipstream.testkit;

import java.util.concurrent.TimeUnit;

/**
 * Main class of the child JVM that {@link KafkaBrokerProcess} starts: formats the storage if this
 * is the first start, then runs {@code kafka.Kafka} (broker and controller combined) in this JVM.
 *
 * <p>Two things the plain {@code kafka.Kafka} main cannot do for a test harness:
 *
 * <ul>
 *   <li>Formatting here, not in the test JVM, costs no second JVM start and loads none of the
 *       broker's classes into the test JVM; its lines land in the broker's log with the rest.
 *       {@code --ignore-formatted} makes it a no-op on a restart, so the data survives.
 *   <li>The broker exits when the test JVM is gone. The test JVM's shutdown hook stops it on a
 *       normal exit, but a SIGKILLed test JVM (a Surefire fork timeout, {@code kill -9} of a hung
 *       build) runs no hooks, and an orphaned broker would hold its ports and files. {@link
 *       ProcessHandle#onExit()} of the parent notices that within a second or so; the broker then
 *       shuts down as on SIGTERM.
 * </ul>
 *
 * <p>Arguments: {@code <server.properties> <cluster id> <metadata release version>}.
 */
final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println(
          "Usage: KafkaBrokerMain <server.properties> <cluster id> <release version> (started by"
              + " io.clipstream.testkit.KafkaBrokerProcess, not by hand)");
      System.exit(2);
    }
    exitWithParent();
    String properties = args[0];
    int formatted =
        kafka.tools.StorageTool.execute(
            new String[] {
              "format",
              "--cluster-id",
              args[1],
              "--config",
              properties,
              "--release-version",
              args[2],
              "--ignore-formatted"
            },
            System.out);
    if (formatted != 0) {
      System.err.println("Formatting the storage of " + properties + " failed; see above");
      System.exit(formatted);
    }
    kafka.Kafka.main(new String[] {properties});
  }

  private static void exitWithParent() {
    ProcessHandle parent =
        ProcessHandle.current()
            .parent()
            .orElseThrow(() -> new IllegalStateException("The test JVM is already gone"));
    parent
        .onExit()
        .thenRun(
            () -> {
              System.err.println(
                  "The test JVM (pid " + parent.pid() + ") is gone; shutting the broker down");
              // exit() runs Kafka's shutdown hook: a controlled shutdown, as on SIGTERM. If that
              // hangs, nobody else is left to kill us.
              Thread halt =
                  new Thread(
                      () -> {
                        sleepQuietly(TimeUnit.SECONDS.toMillis(30));
                        Runtime.getRuntime().halt(1);
                      },
                      "clipstream-orphan-halt");
              halt.setDaemon(true);
              halt.start();
              System.exit(1);
            });
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
