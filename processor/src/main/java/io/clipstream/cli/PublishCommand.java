package io.clipstream.cli;

import io.clipstream.serde.AvroSerializer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream publish}: a JSONL file of detections, events or segments to its topic, for
 * replays and for users without a producer. Every line is validated before anything is sent. Exit
 * status: 0 published (or valid, with {@code --dry-run}), 2 invalid input, 1 Kafka or registry
 * failure.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a JSONL file of detections, events or segments to its topic (see docs/publish.md).",
      "Every line is checked first; any bad line means nothing is sent (exit 2)."
    })
public final class PublishCommand implements Callable<Integer> {

  static final int BAD_INPUT = 2;
  static final int FAILED = 1;
  private static final int MAX_ERRORS_SHOWN = 50;

  @Spec CommandSpec spec;

  @Option(
      names = "--kind",
      required = true,
      description = "What the file holds: ${COMPLETION-CANDIDATES} (case-insensitive).")
  PublishKind kind;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "One JSON record per line, fields named as in the Avro schema.")
  Path file;

  @Option(
      names = "--topic",
      paramLabel = "NAME",
      description = "Topic to publish to (default: the contract's, e.g. cv.events).")
  String topic;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description = "Kafka brokers; required unless --dry-run.")
  String bootstrapServers;

  @Mixin RegistryOptions registry;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "Any producer setting, e.g. security.protocol=SSL; overrides the defaults.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(names = "--dry-run", description = "Validate the file only; send nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String target = topic != null ? topic : kind.topic().defaultName();
    PublishFile input;
    try {
      input = PublishFile.read(file, kind);
    } catch (NoSuchFileException e) {
      err.println(file + ": no such file");
      return BAD_INPUT;
    } catch (IOException e) {
      err.println(file + ": cannot be read: " + e.getMessage());
      return BAD_INPUT;
    }
    if (!input.valid()) {
      reportErrors(err, input.errors());
      return BAD_INPUT;
    }
    if (dryRun) {
      out.printf(
          "%s: %d valid %s records for %s (dry run: nothing sent)%n",
          file, input.records().size(), kind.name().toLowerCase(), target);
      return 0;
    }
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option: '--bootstrap-servers' (or use --dry-run)");
    }
    return publish(input, target, out, err);
  }

  private int publish(PublishFile input, String target, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
      serializer.configure(registry.serdeConfig().originals(), false);
      PublishSender.Summary summary =
          PublishSender.send(
              PublishSender.producerConfig(bootstrapServers, kafkaProperties),
              target,
              serializer,
              input.records());
      out.printf(
          "%s: %d records to %s (records per partition %s) in %.2f s%n",
          file,
          summary.records(),
          summary.topic(),
          summary.partitions(),
          summary.elapsed().toMillis() / 1000.0);
      return 0;
    } catch (ExecutionException e) {
      err.println(failure(target, e.getCause()));
    } catch (RuntimeException e) { // KafkaException, SerializationException, ConfigException
      err.println(failure(target, e));
    }
    return FAILED;
  }

  private String failure(String target, Throwable e) {
    StringBuilder message =
        new StringBuilder("Publishing to ")
            .append(target)
            .append(" at ")
            .append(bootstrapServers)
            .append(" failed (part of the file may have been sent; a re-run sends it again): ");
    message.append(e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      message.append(": ").append(c.getMessage());
    }
    return message.toString();
  }

  private void reportErrors(PrintWriter err, List<String> errors) {
    errors.stream().limit(MAX_ERRORS_SHOWN).forEach(err::println);
    if (errors.size() > MAX_ERRORS_SHOWN) {
      err.println("... and " + (errors.size() - MAX_ERRORS_SHOWN) + " more bad lines");
    }
    err.println(
        "Nothing was sent. Expected one " + kind.schema().getName() + " per line, for example:");
    err.println("  " + kind.example());
    err.println("See docs/publish.md for every field.");
  }
}
