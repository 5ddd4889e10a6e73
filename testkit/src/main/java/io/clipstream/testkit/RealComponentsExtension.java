package io.clipstream.testkit;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link WithRealComponents}: injects {@link RealKafka}, {@link
 * RealSchemaRegistry} and {@link RealS3} parameters (starting only what a test asks for) and stops
 * all components when the whole test run ends.
 *
 * <p>The stop hook is an {@link AutoCloseable} in the root context's store: JUnit 5.13 closes such
 * values when the root context closes, i.e. after the last test class of the run, so components are
 * shared across test classes. ({@code ExtensionContext.Store.CloseableResource} does the same but
 * is deprecated since 5.13.)
 */
public final class RealComponentsExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealComponentsExtension.class);
  private static final Map<Class<?>, Supplier<Object>> COMPONENTS =
      Map.of(
          RealKafka.class, RealComponents::kafka,
          RealSchemaRegistry.class, RealComponents::schemaRegistry,
          RealS3.class, RealComponents::s3);

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(StopAllAtEndOfRun.class, key -> new StopAllAtEndOfRun());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return COMPONENTS.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return COMPONENTS.get(parameter.getParameter().getType()).get();
  }

  /** Stops the components when JUnit closes the root store. */
  private static final class StopAllAtEndOfRun implements AutoCloseable {
    @Override
    public void close() {
      RealComponents.stopAll();
    }
  }
}
