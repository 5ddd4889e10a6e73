package io.clipstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, checked: the rendering engine knows nothing of Kafka,
 * the Kafka topologies know nothing of FFmpeg, nothing imports upward, and no package cycle. Every
 * rule fails when its subject matches no class (ArchUnit's default), so a renamed package cannot
 * pass a rule by being empty.
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
            "io.clipstream.backend..",
            "io.clipstream.storage..")
        .because("the engine is usable without Kafka; the backend maps commands to engine requests")
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
  void picturesShouldDependOnNothingElseOfClipstream() {
    classes()
        .that()
        .resideInAPackage("io.clipstream.image..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.clipstream.image..")
        .because(
            "media (FFmpeg) and the overlay (pure Java) both draw on YuvImage, from below both")
        .check(PRODUCTION);
  }

  @Test
  void mediaLayerShouldNotDependOnTheEngineAbove() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.media..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.clipstream.render..", "io.clipstream.recorder..")
        .because("media wraps FFmpeg for the engine and the recorder, never the other way round")
        .check(PRODUCTION);
  }

  @Test
  void requestModelAndOutputsShouldNotCallBackIntoTheEngine() {
    noClasses()
        .that()
        .resideInAnyPackage("io.clipstream.render.request..", "io.clipstream.render.output..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.clipstream.render")
        .because("what is asked and what a clip leaves behind are leaves the engine uses")
        .check(PRODUCTION);
  }

  @Test
  void requestModelShouldNotDependOnTheOutputs() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.render.request..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.clipstream.render.output..", "org.bytedeco..")
        .because("a request is plain data a caller builds before anything is decoded or written")
        .check(PRODUCTION);
  }

  @Test
  void ingestShouldNotDependOnTheConfigurationTheTopologiesOrTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.ingest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.clipstream.config..",
            "io.clipstream.cli..",
            "io.clipstream.app..",
            "io.clipstream.planner..",
            "io.clipstream.renderer..",
            "io.clipstream.backend..",
            "io.clipstream.render..")
        .because("the adapters translate inputs into the contracts and probe files, nothing more")
        .check(PRODUCTION);
  }

  @Test
  void plannerShouldNotDependOnFfmpegOrTheRenderingEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.planner..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.bytedeco..",
            "io.clipstream.media..",
            "io.clipstream.render..",
            "io.clipstream.renderer..",
            "io.clipstream.backend..")
        .because("the topology decides what to render, never how (it may name the output key)")
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
  void rendererTopologyShouldBeKafkaOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.renderer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.bytedeco..",
            "io.clipstream.media..",
            "io.clipstream.render..",
            "io.clipstream.storage..",
            "io.clipstream.backend..")
        .because("the topology hands commands to a ClipBackend and knows nothing of how it renders")
        .check(PRODUCTION);
  }

  @Test
  void servicesShouldNotDependOnTheConfigurationOrTheCli() {
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

  @Test
  void nothingShouldImportTheProcessOrTheCommandLineFromBelow() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.clipstream.app..", "io.clipstream.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.clipstream.app..", "io.clipstream.cli..")
        .because("the command line starts the process, which starts the roles: imports go down")
        .check(PRODUCTION);
  }

  @Test
  void serviceProcessShouldNotDependOnTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.clipstream.cli..")
        .because("the command line starts the process, not the other way round")
        .check(PRODUCTION);
  }

  @Test
  void productShouldHoldNoBenchmarkCode() {
    noClasses()
        .should()
        .resideInAPackage("io.clipstream.bench..")
        .because("the benchmarks are their own module (bench/), outside the product jar")
        .check(PRODUCTION);
  }

  @Test
  void packagesShouldBeFreeOfCycles() {
    slices()
        .matching("io.clipstream.(**)")
        .should()
        .beFreeOfCycles()
        .because("each package of docs/architecture.md only uses those below it")
        .check(PRODUCTION);
  }
}
