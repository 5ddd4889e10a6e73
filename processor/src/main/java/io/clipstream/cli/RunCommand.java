package io.clipstream.cli;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.ConfigValidationException;
import io.clipstream.http.HealthServer;
import io.clipstream.version.ClipstreamVersion;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream run}: the service. Exit status: 0 after a requested shutdown (SIGTERM), 2 for
 * an invalid configuration, 1 when a role failed.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the service: the planner and the renderer (both by default, or the roles configured).",
      "Configuration: --set flags > CLIPSTREAM_* environment variables > --config file > defaults"
          + " (every key: docs/configuration.md)."
    })
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  static final int BAD_CONFIG = 2;
  static final int FAILED = 1;

  @Spec CommandSpec spec;

  @Mixin ServiceOptions options;

  @Override
  public Integer call() throws InterruptedException {
    return execute(spec, options.config, options.flags, options.check);
  }

  /**
   * Loads and validates the configuration, then serves until SIGTERM (or prints it, with {@code
   * check}); shared with {@code record}.
   */
  static int execute(CommandSpec spec, Path config, Map<String, String> flags, boolean check)
      throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (config != null && !Files.isRegularFile(config)) {
      err.println(config + ": no such file; pass the properties file with --config");
      return BAD_CONFIG;
    }
    ClipstreamConfig loaded;
    try {
      loaded = ConfigLoader.load(Optional.ofNullable(config), System.getenv(), flags);
    } catch (ConfigValidationException e) {
      err.println(e.getMessage());
      err.println("Every key, its default and its form: docs/configuration.md");
      return BAD_CONFIG;
    }
    loaded.warnings().forEach(w -> LOG.warn("{}", w));
    if (check) {
      spec.commandLine().getOut().println(loaded.describe());
      return 0;
    }
    LOG.info("Starting Clipstream {}\n{}", ClipstreamVersion.current(), loaded.describe());
    return serve(loaded);
  }

  private static int serve(ClipstreamConfig config) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    ClipstreamApp app = ClipstreamApp.start(config, metrics);
    HealthServer http;
    try {
      http = config.httpPort() > 0 ? HealthServer.start(config.httpPort(), app, metrics) : null;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    // Set by the shutdown hook before it closes anything: from then on, roles stopping is the
    // requested shutdown, not a failure (the hook and this loop used to race on it).
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              LOG.info(
                  "Shutdown requested; announcing the renders in flight (up to"
                      + " render.stop.drain.ms), then leaving the groups and stopping (pending"
                      + " renders stay in Kafka for the other instances)");
              app.close();
              if (http != null) {
                http.close();
              }
              LOG.info("Stopped");
              stopped.countDown();
            },
            "clipstream-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      if (!stopping.get() && app.failed() && removed(hook)) {
        LOG.error("A role stopped ({}); exiting so the process is restarted", app.roleStates());
        app.close();
        if (http != null) {
          http.close();
        }
        return FAILED;
      }
    }
    return 0;
  }

  /**
   * Removes the shutdown hook before a failure exit; false when the JVM is already shutting down (a
   * SIGTERM arrived just now), in which case the hook owns the stop.
   */
  private static boolean removed(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      return true;
    } catch (IllegalStateException shutdownInProgress) {
      return false;
    }
  }
}
