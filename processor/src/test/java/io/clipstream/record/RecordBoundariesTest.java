package io.clipstream.record;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class RecordBoundariesTest {

  @Test
  void recorderShouldNotDependOnKafkaTheContractsTheConfigurationOrTheCli() {
    noClasses()
        .that()
        .resideInAPackage("io.clipstream.record..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "io.clipstream.serde..",
            "io.clipstream.contracts..",
            "io.clipstream.config..",
            "io.clipstream.cli..",
            "io.clipstream.app..",
            "io.clipstream.service..",
            "io.clipstream.storage..")
        .because("the recorder is the media side; storage and Kafka are wired around it")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clipstream.record"));
  }
}
