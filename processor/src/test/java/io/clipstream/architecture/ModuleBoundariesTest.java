package io.clipstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rendering engine knows nothing of Kafka and the planner knows nothing of FFmpeg, so each can
 * be used and tested on its own.
 */
class ModuleBoundariesTest {

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.clipstream");

  @Test
  void renderingEngineAndMediaLayerShouldNotDependOnKafkaOrTheContracts() {
    noClasses()
        .that()
        .resideInAnyPackage("io.clipstream.render..", "io.clipstream.media..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "io.clipstream.serde..",
            "io.clipstream.contracts..",
            "io.clipstream.planner..",
            "io.clipstream.renderer..",
            "io.clipstream.backend..")
        .because("the engine is usable without Kafka; the service maps commands to engine requests")
        .check(PRODUCTION);
  }

  @Test
  void overlayDrawingShouldNotDependOnFfmpeg() {
    noClasses()
        .that()
        .resideInAnyPackage("io.clipstream.render.overlay..", "io.clipstream.render.detections..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bytedeco..", "io.clipstream.media..")
        .because("drawing and detection timing are pure Java, tested on synthetic pictures")
        .check(PRODUCTION);
  }

  @Test
  void plannerShouldNotDependOnFfmpegOrTheRenderingEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.planner..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bytedeco..", "io.clipstream.media..", "io.clipstream.render..")
        .because("the topology decides what to render, never how")
        .allowEmptyShould(true)
        .check(PRODUCTION);
  }

  @Test
  void storageShouldNotDependOnKafkaOrFfmpeg() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "org.bytedeco..",
            "io.clipstream.render..",
            "io.clipstream.media..")
        .because("storage moves finished files; the renderer service wires it to Kafka")
        .check(PRODUCTION);
  }

  @Test
  void plannerShouldNotDependOnTheServiceConfiguration() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.planner..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.clipstream.config..", "io.clipstream.cli..")
        .because("the configuration builds planner settings, never the other way round")
        .check(PRODUCTION);
  }

  @Test
  void rendererTopologyShouldNotDependOnFfmpegOrTheRenderingEngine() {
    noClasses()
        .that()
        .haveFullyQualifiedName("io.clipstream.renderer.RendererTopology")
        .or()
        .haveFullyQualifiedName("io.clipstream.renderer.RenderCommandProcessor")
        .or()
        .haveFullyQualifiedName("io.clipstream.renderer.RenderPool")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.bytedeco..",
            "io.clipstream.media..",
            "io.clipstream.render..",
            "io.clipstream.storage..")
        .because("the topology hands commands to a ClipBackend and knows nothing of how it renders")
        .check(PRODUCTION);
  }

  @Test
  void serviceShouldNotDependOnTheConfigurationOrTheCli() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.clipstream.renderer..", "io.clipstream.backend..", "io.clipstream.streams..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.clipstream.config..", "io.clipstream.cli..", "io.clipstream.app..")
        .because("the configuration builds service settings, never the other way round")
        .check(PRODUCTION);
  }

  @Test
  void liveRecorderShouldNotDependOnKafkaOrTheContracts() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.recorder..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "io.clipstream.contracts..",
            "io.clipstream.serde..",
            "io.clipstream.config..",
            "io.clipstream.cli..",
            "io.clipstream.app..",
            "io.clipstream.renderer..",
            "io.clipstream.backend..",
            "io.clipstream.storage..")
        .because("the recorder copies packets into segments; the app stores and announces them")
        .check(PRODUCTION);
  }
}
