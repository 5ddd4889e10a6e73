package io.clipstream.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The jar's logging: stderr at INFO, one line per clip from Clipstream, warnings only from the
 * libraries. Configured in code because Logback's XML configuration cost a tenth of a second or
 * more of every process's start (docs/performance.md, "Start-up of a whole process"); a file named
 * by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class path, still
 * takes precedence.
 *
 * <p>{@code CLIPSTREAM_LOG_LEVEL} (environment variable or system property) sets Clipstream's
 * level; the system property {@code clipstream.kafka.log.level} the Kafka clients' (INFO shows
 * their group and restore steps, docs/scaling.md). A system property, not a {@code CLIPSTREAM_*}
 * variable, for Kafka: those are configuration keys.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    levels(System.getenv(), System::getProperty)
        .forEach((name, level) -> context.getLogger(name).setLevel(level));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The loggers' levels from the environment and system properties (an unknown name: default). */
  static Map<String, Level> levels(
      Map<String, String> env, java.util.function.UnaryOperator<String> properties) {
    String clipstream = properties.apply("CLIPSTREAM_LOG_LEVEL");
    if (clipstream == null) {
      clipstream = env.get("CLIPSTREAM_LOG_LEVEL");
    }
    return Map.of(
        "io.clipstream",
        Level.toLevel(clipstream, Level.INFO),
        "org.apache.kafka",
        Level.toLevel(properties.apply("clipstream.kafka.log.level"), Level.WARN),
        // standby.replicas=1 is the default: while one instance runs there is nowhere to put a
        // standby, and this would warn once per task at every rebalance. The "tasks now" line of
        // each role shows the standbys.
        "org.apache.kafka.streams.processor.internals.assignment.DefaultStandbyTaskAssignor",
        Level.ERROR,
        "org.apache.avro",
        Level.WARN);
  }
}
