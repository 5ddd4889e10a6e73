/**
 * Real components for integration tests ({@code *IT}, run by Failsafe): an in-process KRaft broker
 * ({@link io.clipstream.testkit.RealKafka}), Apicurio Registry with its Confluent-compatible API
 * ({@link io.clipstream.testkit.RealSchemaRegistry}) and S3Proxy ({@link
 * io.clipstream.testkit.RealS3}), the last two as child JVMs. All listen on 127.0.0.1 only, on
 * random free ports.
 *
 * <pre>{@code
 * @WithRealComponents
 * class ClipUploadIT {
 *     @Test
 *     void shouldUploadTheRenderedClip(RealKafka kafka, RealSchemaRegistry registry, RealS3 s3) {
 *         kafka.createTopic("clip-commands", 3);
 *         s3.createBucket("clips");
 *         Map<String, Object> config = kafka.producerConfig();
 *         config.put("schema.registry.url", registry.confluentUrl());
 *         try (S3Client client = s3.s3Client()) {
 *             // ... run the code under test, then assert on client.getObject(...)
 *         }
 *     }
 * }
 * }</pre>
 *
 * Each component starts on first use and is shared by the whole test JVM; it is stopped when the
 * test run ends (or by a shutdown hook). Tests that restart or crash the broker, or need one that
 * enforces SASL_SSL, create their own {@link io.clipstream.testkit.KafkaBrokerProcess} instead: a
 * child-JVM broker that keeps its ports and data across {@code stop()}, {@code kill()} and {@code
 * start()}. The module's pom needs the {@code maven-dependency-plugin} ({@code it-tools} execution)
 * and {@code maven-failsafe-plugin} in its build plugins, as in {@code testkit/pom.xml}. Logs:
 * {@code target/it-logs/}.
 */
package io.clipstream.testkit;
