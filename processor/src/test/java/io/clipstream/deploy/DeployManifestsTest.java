package io.clipstream.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.config.ConfigValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dockerfile, docker-compose.yml, deploy/ and k8s/ agree with the code: every configuration
 * variable and key is declared and the files validate as {@code clipstream run} would load them,
 * probes and health checks use {@link io.clipstream.http.HttpPaths} on the declared {@code
 * http.port}, directories, labels, secrets and partitions line up. The second half mutates a copy
 * of the files and checks that each kind of drift is caught.
 */
class DeployManifestsTest {

  /** The checkout's root ({@code -Dclipstream.deploy.root} checks another copy). */
  static final Path ROOT = Path.of(System.getProperty("clipstream.deploy.root", ".."));

  final DeployChecks checks = new DeployChecks(new DeployFiles(ROOT));

  @Test
  void composeServiceConfigurationValidates() {
    checks.composeServiceConfiguration();
  }

  @Test
  void composeFeederPublishesWhatTheServiceMayRead() {
    checks.composeFeeder();
  }

  @Test
  void composeCreatesEveryContractTopic() {
    checks.composeTopics();
  }

  @Test
  void composeServicesAreHealthCheckedAndOrdered() {
    checks.composeHealthAndOrder();
  }

  @Test
  void localOverrideReplacesOnlyImagesWithBuiltStandIns() {
    checks.composeLocalOverride();
  }

  @Test
  void imageDefaultsValidate() {
    checks.imageDefaults();
  }

  @Test
  void dockerfileRunsAsNonRootWithHealthCheckOnLive() {
    checks.dockerfile();
  }

  @Test
  void k8sConfigMapValidatesAndFitsTheResources() {
    checks.k8sConfiguration();
  }

  @Test
  void k8sProbesUseTheHealthPaths() {
    checks.k8sProbes();
  }

  @Test
  void k8sStateOnClaimsAndWritableDirsOnEmptyDirs() {
    checks.k8sVolumesAndSecurity();
  }

  @Test
  void k8sSelectorsServiceAndDisruptionBudgetMatch() {
    checks.k8sLabelsAndService();
  }

  @Test
  void kustomizationListsTheManifests() throws Exception {
    checks.kustomization();
  }

  @Test
  void kedaScalesTheRendererGroupWithinThePartitions() {
    checks.keda();
  }

  // ---- drift is caught --------------------------------------------------------------------------

  static final List<String> FILES =
      List.of(
          "Dockerfile",
          ".dockerignore",
          "docker-compose.yml",
          "docker-compose.local.yml",
          "deploy/local/Dockerfile",
          "deploy/local/mc/mc",
          "deploy/stack-test.sh",
          "deploy/clipstream.properties",
          "deploy/image.properties",
          "deploy/feed.sh",
          "deploy/create-topics.sh",
          "deploy/minio-init.sh",
          "deploy/show-clips.sh",
          "k8s/kustomization.yaml",
          "k8s/configmap.yaml",
          "k8s/statefulset.yaml",
          "k8s/service-headless.yaml",
          "k8s/pdb.yaml",
          "k8s/secret.example.yaml",
          "k8s/keda-scaledobject.yaml",
          "docs/deploy.md",
          "processor/src/main/resources/demo/segments.jsonl");

  record Drift(String file, String from, String to, Consumer<DeployChecks> check) {
    @Override
    public String toString() {
      return file + ": " + from.strip() + " -> " + to.strip();
    }
  }

  static Stream<Arguments> drifts() {
    return Stream.of(
            new Drift(
                "deploy/clipstream.properties",
                "render.workers=1",
                "render.worker=1",
                DeployChecks::composeServiceConfiguration),
            new Drift(
                "deploy/clipstream.properties",
                "render.workers=1",
                "render.workers=many",
                DeployChecks::composeServiceConfiguration),
            new Drift(
                "docker-compose.yml",
                "CLIPSTREAM_RENDER_PRESET:",
                "CLIPSTREAM_RENDER_PRESETS:",
                DeployChecks::composeServiceConfiguration),
            new Drift(
                "docker-compose.yml",
                "127.0.0.1:8080/health/live",
                "127.0.0.1:8080/healthz",
                DeployChecks::composeServiceConfiguration),
            new Drift(
                "docker-compose.yml",
                "RECORDINGS_URI: s3://recordings",
                "RECORDINGS_URI: s3://nvr",
                DeployChecks::composeFeeder),
            new Drift(
                "docker-compose.yml",
                "condition: service_completed_successfully",
                "condition: service_started",
                DeployChecks::composeHealthAndOrder),
            new Drift(
                "deploy/create-topics.sh",
                "clips.dead-letter",
                "clips.dlq",
                DeployChecks::composeTopics),
            new Drift(
                "docker-compose.local.yml",
                "image: local/clipstream-s3:standin",
                "image: local/clipstream-minio:standin",
                DeployChecks::composeLocalOverride),
            new Drift(
                "docker-compose.local.yml",
                "    image: local/clipstream-kafka:standin\n\n  topics:",
                "    image: local/clipstream-kafka:standin\n    ports: [\"39092:29092\"]\n\n  topics:",
                DeployChecks::composeLocalOverride),
            new Drift(
                "docker-compose.local.yml",
                "JAR_FROM: prebuilt\n\n  feeder:",
                "JAR_FROM: jar-file\n\n  feeder:",
                DeployChecks::composeLocalOverride),
            new Drift(
                "deploy/show-clips.sh",
                "mc find local/clips",
                "mc du local/clips",
                DeployChecks::composeLocalOverride),
            new Drift(
                "Dockerfile",
                "ARG RUNTIME_IMAGE=eclipse-temurin:17-jre",
                "ARG RUNTIME_IMAGE=local/debian:bookworm",
                DeployChecks::dockerfile),
            new Drift("Dockerfile", "USER 10001:10001", "USER root", DeployChecks::dockerfile),
            new Drift("Dockerfile", "EXPOSE 8080", "EXPOSE 9090", DeployChecks::dockerfile),
            new Drift("Dockerfile", "8080/health/live", "8080/health", DeployChecks::dockerfile),
            new Drift(
                "k8s/configmap.yaml",
                "CLIPSTREAM_RENDER_WORKERS:",
                "CLIPSTREAM_RENDER_WORKER:",
                DeployChecks::k8sConfiguration),
            new Drift(
                "k8s/configmap.yaml",
                "CLIPSTREAM_RENDER_MAX_CONCURRENT_ENCODERS: \"2\"",
                "CLIPSTREAM_RENDER_MAX_CONCURRENT_ENCODERS: \"8\"",
                DeployChecks::k8sConfiguration),
            new Drift(
                "k8s/statefulset.yaml",
                "containerPort: 8080",
                "containerPort: 9090",
                DeployChecks::k8sConfiguration),
            new Drift(
                "k8s/statefulset.yaml",
                "path: /health/ready",
                "path: /ready",
                DeployChecks::k8sProbes),
            new Drift(
                "k8s/statefulset.yaml",
                "mountPath: /var/lib/clipstream/state",
                "mountPath: /data",
                DeployChecks::k8sVolumesAndSecurity),
            new Drift(
                "k8s/statefulset.yaml",
                "mountPath: /tmp",
                "mountPath: /scratch",
                DeployChecks::k8sVolumesAndSecurity),
            new Drift(
                "k8s/statefulset.yaml",
                "key: kafka-sasl-jaas-config",
                "key: jaas",
                DeployChecks::k8sVolumesAndSecurity),
            new Drift(
                "k8s/pdb.yaml",
                "app.kubernetes.io/component: processor",
                "app.kubernetes.io/component: renderer",
                DeployChecks::k8sLabelsAndService),
            new Drift(
                "k8s/kustomization.yaml",
                "  - pdb.yaml",
                "  - pdbs.yaml",
                c -> run(c::kustomization)),
            new Drift(
                "k8s/keda-scaledobject.yaml",
                "maxReplicaCount: 6",
                "maxReplicaCount: 12",
                DeployChecks::keda),
            new Drift(
                "k8s/keda-scaledobject.yaml",
                "consumerGroup: clipstream-renderer",
                "consumerGroup: clipstream",
                DeployChecks::keda))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drifts")
  void driftIsCaught(Drift drift, @TempDir Path copy) throws IOException {
    for (String file : FILES) {
      Path target = copy.resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(ROOT.resolve(file), target);
    }
    DeployChecks original = new DeployChecks(new DeployFiles(copy));
    drift.check().accept(original); // the copy passes before the change

    Path file = copy.resolve(drift.file());
    String text = Files.readString(file);
    if (!text.contains(drift.from())) {
      throw new AssertionError(
          drift.file() + " no longer contains '" + drift.from() + "': update this drift");
    }
    Files.writeString(file, text.replace(drift.from(), drift.to()));
    assertThatThrownBy(() -> drift.check().accept(new DeployChecks(new DeployFiles(copy))))
        .as("drift %s", drift)
        .isInstanceOfAny(AssertionError.class, ConfigValidationException.class);
  }

  interface Check {
    void run() throws Exception;
  }

  static void run(Check check) {
    try {
      check.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
