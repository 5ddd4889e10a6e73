package io.clipstream.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * Watches, from a background thread, the transactions a killed instance left open: those still
 * ongoing whose transactional id carries one of its Kafka Streams process ids (read from its log),
 * and any other still ongoing that began before the kill (the survivors commit every 100 ms, so
 * theirs are younger). The process ids matter because the broker may stamp the killed instance's
 * last transaction a moment after the kill, when it gets to the requests sent just before it. While
 * one is open, read_committed readers of the partitions it wrote to (the new owner's input and
 * restore, the watchers of clips.ready) stop at it until the broker aborts it after the producer's
 * {@code transaction.timeout.ms}. Reports which there were and when the last ended.
 */
final class StaleTransactions implements AutoCloseable {

  private static final long POLL_MS = 200;
  private static final long WATCH_MS = 40_000;

  private final Admin admin;
  private final String label;
  private final long killedAt;
  private final Set<String> killedProcesses;
  private final Thread thread;
  private final Set<String> seen = new TreeSet<>();
  private final Set<String> partitions = new TreeSet<>();
  private volatile long lastOpenAt = -1;
  private volatile String problem;

  private StaleTransactions(
      Map<String, Object> kafkaClient, String label, long killedAt, Set<String> killedProcesses) {
    this.admin = Admin.create(kafkaClient);
    this.label = label;
    this.killedAt = killedAt;
    this.killedProcesses = killedProcesses;
    this.thread = new Thread(this::watch, "stale-transactions");
    this.thread.setDaemon(true);
  }

  /** Starts watching right after the kill of {@code killed} at {@code killedAt} in {@code run}. */
  static StaleTransactions watchAfter(ServiceRun run, CrashInstance killed, long killedAt) {
    Set<String> processes = new TreeSet<>();
    Matcher client =
        Pattern.compile(
                "stream-client \\[" + Pattern.quote(run.label()) + "-\\w+-([0-9a-f-]{36})\\]")
            .matcher(killed.logText());
    while (client.find()) {
      processes.add(client.group(1));
    }
    StaleTransactions watch =
        new StaleTransactions(run.kafkaClient(), run.label(), killedAt, processes);
    watch.thread.start();
    return watch;
  }

  private void watch() {
    try {
      while (System.currentTimeMillis() - killedAt < WATCH_MS) {
        List<String> ongoing =
            admin
                .listTransactions(
                    new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
                .all()
                .get(10, TimeUnit.SECONDS)
                .stream()
                .map(TransactionListing::transactionalId)
                .toList();
        boolean stale = false;
        if (!ongoing.isEmpty()) {
          Map<String, TransactionDescription> described =
              admin.describeTransactions(ongoing).all().get(10, TimeUnit.SECONDS);
          for (Map.Entry<String, TransactionDescription> e : described.entrySet()) {
            TransactionDescription d = e.getValue();
            // Begun before the kill and still open a second after it: the survivors commit every
            // 100 ms, so it is the killed instance's (its last transaction began just before).
            boolean killedOnes = killedProcesses.stream().anyMatch(e.getKey()::contains);
            if (d.state() == TransactionState.ONGOING
                && (killedOnes
                    || d.transactionStartTimeMs().isPresent()
                        && d.transactionStartTimeMs().getAsLong() < killedAt
                        && System.currentTimeMillis() - killedAt > 1000)) {
              stale = true;
              synchronized (this) {
                seen.add(e.getKey());
                d.topicPartitions()
                    .forEach(
                        tp ->
                            partitions.add(
                                tp.topic().replace(label + "-", "") + "-" + tp.partition()));
              }
            }
          }
        }
        if (stale) {
          lastOpenAt = System.currentTimeMillis();
        } else if (lastOpenAt > 0 || System.currentTimeMillis() - killedAt > 2_000) {
          return; // none left (or none at all a moment after the kill)
        }
        Thread.sleep(POLL_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      problem = e.toString();
    }
  }

  /**
   * {@code none} or {@code N open (topics), ended +X s after the kill}; waits for the watch to end.
   */
  String summary() throws InterruptedException {
    thread.join(WATCH_MS + 15_000);
    if (problem != null) {
      return "could not list transactions: " + problem;
    }
    synchronized (this) {
      if (seen.isEmpty()) {
        return "none open";
      }
      String topics = partitions.stream().collect(Collectors.joining(", "));
      return String.format(
          "%d open (%s), the last ended +%.1f s after the kill",
          seen.size(), topics, (lastOpenAt + POLL_MS - killedAt) / 1000.0);
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    admin.close();
  }
}
