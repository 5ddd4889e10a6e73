package io.clipstream.cli;

import io.clipstream.serde.AvroSerdeConfig;
import io.clipstream.serde.ContractSchemas;
import io.clipstream.serde.RegisteredSchema;
import io.clipstream.serde.SchemaRegistryClient;
import io.clipstream.serde.SchemaRegistryClients;
import io.clipstream.serde.SchemaRegistryException;
import io.clipstream.topics.ContractTopic;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

  /** A command that visits every contract with a value schema against one registry. */
  abstract static class RegistryTask implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RegistryOptions registry;
    @Mixin TopicNames topics;

    /** Handles one contract; returns false when it failed (the command then exits 1). */
    abstract boolean visit(
        SchemaRegistryClient client, AvroSerdeConfig config, String topic, Schema schema);

    @Override
    public Integer call() {
      AvroSerdeConfig config = registry.serdeConfig();
      SchemaRegistryClient client = SchemaRegistryClients.create(config);
      boolean allGood = true;
      for (ContractTopic contract : ContractTopic.values()) {
        if (contract.valueSchema().isEmpty()) {
          continue;
        }
        String topic = topics.nameOf(contract);
        try {
          allGood &= visit(client, config, topic, contract.valueSchema().get());
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

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  @Command(
      name = "register",
      description =
          "Register every value schema under its topic's subject; prints subject, id and version.")
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
