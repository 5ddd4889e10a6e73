package io.clipstream.cli;

import io.clipstream.app.InternalTopics;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.ConfigValidationException;
import io.clipstream.serde.AvroSerdeConfig;
import io.clipstream.serde.ContractSchemas;
import io.clipstream.serde.RegisteredSchema;
import io.clipstream.serde.SchemaRegistryClient;
import io.clipstream.serde.SchemaRegistryClients;
import io.clipstream.serde.SchemaRegistryException;
import io.clipstream.topics.ContractTopic;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream schemas}: shows the topic contracts and registers or checks them in a Schema
 * Registry ahead of a deployment that runs with {@code auto.register.schemas=false}.
 */
@Command(
    name = "schemas",
    description = "List, print, register or check the Avro contracts of Clipstream's topics.",
    mixinStandardHelpOptions = true,
    subcommands = {
      SchemasCommand.ListTopics.class,
      SchemasCommand.Print.class,
      SchemasCommand.Register.class,
      SchemasCommand.Check.class
    })
public final class SchemasCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Topic names given with {@code --topic EVENTS=my.events}; defaults for the others. */
  static final class TopicNames {
    @Option(
        names = "--topic",
        paramLabel = "CONTRACT=NAME",
        description =
            "Topic name for a contract when not the default, e.g. EVENTS=site1.events. Contracts: ${COMPLETION-CANDIDATES}.")
    Map<ContractTopic, String> overrides = new EnumMap<>(ContractTopic.class);

    String nameOf(ContractTopic topic) {
      return overrides.getOrDefault(topic, topic.defaultName());
    }
  }

  @Command(
      name = "list",
      description = "List each topic with its key, value type and value subject.")
  static final class ListTopics implements Runnable {
    @Spec CommandSpec spec;
    @Mixin TopicNames topics;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "%-24s %-13s %-40s %s%n", "TOPIC", "KEY", "VALUE", "SUBJECT (topic-name strategy)");
      for (ContractTopic topic : ContractTopic.values()) {
        String name = topics.nameOf(topic);
        String value =
            topic.valueSchema().map(Schema::getFullName).orElse("original bytes + error headers");
        String subject = topic.valueSchema().isPresent() ? name + "-value" : "-";
        out.printf("%-24s %-13s %-40s %s%n", name, topic.key(), value, subject);
      }
    }
  }

  @Command(
      name = "print",
      description = "Print the full Avro schema of a value type, nested types inlined.")
  static final class Print implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CONTRACT", description = "One of: ${COMPLETION-CANDIDATES}.")
    ContractTopic topic;

    @Override
    public void run() {
      Schema schema =
          topic
              .valueSchema()
              .orElseThrow(
                  () ->
                      new picocli.CommandLine.ParameterException(
                          spec.commandLine(),
                          topic
                              + " carries the original bytes of unreadable records and has no schema."));
      spec.commandLine().getOut().println(schema.toString(true));
    }
  }

  /**
   * A command that visits every contract with a value schema against one registry: the one of
   * {@code --registry-url} with the default or {@code --topic} names, or, with {@code --config},
   * the service's registry, topic names and the internal topics of its application id.
   */
  abstract static class RegistryTask implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RegistryOptions registry;
    @Mixin TopicNames topics;

    @Option(
        names = "--config",
        paramLabel = "FILE.properties",
        description =
            "The service's properties file (as for run): its registry settings, topic names and"
                + " the internal topics of its application.id and roles; instead of --registry-url.")
    Path config;

    /**
     * Handles one topic's value schema; returns false when it failed (the command then exits 1).
     */
    abstract boolean visit(
        SchemaRegistryClient client, AvroSerdeConfig config, String topic, Schema schema);

    @Override
    public Integer call() {
      Optional<Target> target = target();
      if (target.isEmpty()) {
        return RunCommand.BAD_CONFIG;
      }
      AvroSerdeConfig serdeConfig = target.get().serdeConfig();
      SchemaRegistryClient client = SchemaRegistryClients.create(serdeConfig);
      boolean allGood = true;
      for (Map.Entry<String, Schema> value : target.get().valueSchemas().entrySet()) {
        String topic = value.getKey();
        try {
          allGood &= visit(client, serdeConfig, topic, value.getValue());
        } catch (SchemaRegistryException e) {
          spec.commandLine()
              .getErr()
              .println(
                  "The value schema of "
                      + topic
                      + " in "
                      + client.location()
                      + ": "
                      + e.getMessage());
          return 1;
        }
      }
      return allGood ? 0 : 1;
    }

    /**
     * The registry and the topics to visit; empty (after saying why) when the options are wrong.
     */
    private Optional<Target> target() {
      PrintWriter err = spec.commandLine().getErr();
      if ((config == null) == (registry.urls == null)) {
        err.println(
            "Give either --registry-url URL or --config FILE.properties (the service's"
                + " configuration, which also covers its internal topics), not "
                + (config == null ? "neither" : "both"));
        return Optional.empty();
      }
      if (config == null) {
        Map<String, Schema> values = new LinkedHashMap<>();
        for (ContractTopic contract : ContractTopic.values()) {
          contract.valueSchema().ifPresent(s -> values.put(topics.nameOf(contract), s));
        }
        return Optional.of(new Target(registry.serdeConfig(), values));
      }
      if (!Files.isRegularFile(config)) {
        err.println(config + ": no such file; pass the service's properties file with --config");
        return Optional.empty();
      }
      try {
        ClipstreamConfig loaded = ConfigLoader.load(Optional.of(config), System.getenv(), Map.of());
        Map<String, Schema> values = new LinkedHashMap<>();
        for (ContractTopic contract : ContractTopic.values()) {
          contract.valueSchema().ifPresent(s -> values.put(loaded.topic(contract), s));
        }
        values.putAll(InternalTopics.avroValues(loaded));
        return Optional.of(new Target(new AvroSerdeConfig(loaded.serdeConfig()), values));
      } catch (ConfigValidationException e) {
        err.println(e.getMessage());
        err.println("Every key, its default and its form: docs/configuration.md");
        return Optional.empty();
      }
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** A registry and the value schema of each topic to visit there, by topic name. */
  private record Target(AvroSerdeConfig serdeConfig, Map<String, Schema> valueSchemas) {}

  @Command(
      name = "register",
      description =
          "Register every value schema under its topic's subject (with --config also the"
              + " service's internal changelog topics); prints subject, id and version.")
  static final class Register extends RegistryTask {
    @Override
    boolean visit(
        SchemaRegistryClient client, AvroSerdeConfig config, String topic, Schema schema) {
      RegisteredSchema registered =
          ContractSchemas.registerValueSchema(client, config, topic, schema);
      out()
          .printf(
              "%-32s id %-6d version %d%n",
              registered.subject(), registered.id(), registered.version());
      return true;
    }
  }

  @Command(
      name = "check",
      description =
          "Check every value schema against the latest registered version; exit 1 when one is incompatible.")
  static final class Check extends RegistryTask {
    @Override
    boolean visit(
        SchemaRegistryClient client, AvroSerdeConfig config, String topic, Schema schema) {
      String subject = config.subjectNameStrategy(false).subject(topic, false, schema);
      List<String> problems = client.incompatibilities(subject, schema);
      out().printf("%-32s %s%n", subject, problems.isEmpty() ? "compatible" : "INCOMPATIBLE");
      problems.forEach(p -> out().println("    " + p));
      return problems.isEmpty();
    }
  }
}
