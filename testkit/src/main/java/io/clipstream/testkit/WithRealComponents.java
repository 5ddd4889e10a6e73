package io.clipstream.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test class that uses real components: test and lifecycle methods (and
 * constructors) may declare {@link RealKafka}, {@link RealSchemaRegistry} or {@link RealS3}
 * parameters, each started on first use and stopped after the last test of the JVM. Equivalent to
 * {@code @ExtendWith(RealComponentsExtension.class)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RealComponentsExtension.class)
public @interface WithRealComponents {}
