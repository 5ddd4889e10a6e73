package io.clipstream.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real components of this test JVM: each is started lazily, at most once, on first request, and
 * stopped by {@link #stopAll()} (called by {@link RealComponentsExtension} when the test run ends,
 * and by a JVM shutdown hook as a backstop).
 *
 * <p>They are shared by all tests of the JVM. A test that stops a component (fault injection)
 * should hold the matching JUnit resource lock ({@link #SCHEMA_REGISTRY_LOCK}, {@link #S3_LOCK}) in
 * READ_WRITE mode and restart it in a {@code finally}; the accessors here restart a component that
 * a failed test left stopped.
 */
public final class RealComponents {

  /** JUnit {@code @ResourceLock} key for tests that stop or restart the schema registry. */
  public static final String SCHEMA_REGISTRY_LOCK = "clipstream.testkit.schema-registry";

  /** JUnit {@code @ResourceLock} key for tests that stop or restart S3. */
  public static final String S3_LOCK = "clipstream.testkit.s3";

  private static final Logger LOG = LoggerFactory.getLogger(RealComponents.class);

  private static final Map<String, RuntimeException> FAILED = new ConcurrentHashMap<>();

  private static RealKafka kafka;
  private static RealSchemaRegistry schemaRegistry;
  private static RealS3 s3;
  private static boolean hookInstalled;

  private RealComponents() {}

  /** The broker, started. */
  public static RealKafka kafka() {
    return started("Kafka", create(() -> kafka, () -> kafka = new RealKafka()), RealKafka::start);
  }

  /** The schema registry, running (restarted if a previous test left it stopped). */
  public static RealSchemaRegistry schemaRegistry() {
    return started(
        "Apicurio Registry",
        create(() -> schemaRegistry, () -> schemaRegistry = new RealSchemaRegistry()),
        RealSchemaRegistry::start);
  }

  /** The S3 server, running (restarted if a previous test left it stopped). */
  public static RealS3 s3() {
    return started("S3Proxy", create(() -> s3, () -> s3 = new RealS3()), RealS3::start);
  }

  /** Stops every component started in this JVM, logging (not throwing) individual failures. */
  public static void stopAll() {
    List<Runnable> stops = new ArrayList<>();
    synchronized (RealComponents.class) {
      addStop(stops, s3, RealS3::stop);
      addStop(stops, schemaRegistry, RealSchemaRegistry::stop);
      addStop(stops, kafka, RealKafka::stop);
    }
    for (Runnable stop : stops) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        LOG.warn("Stopping a real component failed", e);
      }
    }
  }

  // Creation is serialized on the class; starting is serialized per component (their start() is
  // synchronized),
  // so a slow registry start does not hold up a test that only needs the broker.
  private static synchronized <T> T create(Supplier<T> current, Runnable creator) {
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(RealComponents::stopAll, "clipstream-testkit-shutdown"));
      hookInstalled = true;
    }
    if (current.get() == null) {
      creator.run();
    }
    return current.get();
  }

  // A component that failed to start fails every later request at once, with the first cause:
  // otherwise each
  // remaining test would wait out the full startup timeout again.
  private static <T> T started(String name, T component, Consumer<T> start) {
    RuntimeException earlier = FAILED.get(name);
    if (earlier != null) {
      throw new ComponentStartupException(
          name
              + " already failed to start in this test JVM; not retrying. "
              + "First failure: "
              + earlier.getMessage(),
          earlier);
    }
    try {
      start.accept(component);
      return component;
    } catch (RuntimeException e) {
      FAILED.putIfAbsent(name, e);
      throw e;
    }
  }

  private static <T> void addStop(List<Runnable> stops, T component, Consumer<T> stop) {
    if (component != null) {
      stops.add(() -> stop.accept(component));
    }
  }
}
