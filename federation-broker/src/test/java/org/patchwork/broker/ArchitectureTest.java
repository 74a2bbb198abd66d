package org.patchwork.broker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker's shape, as conventions.md describes it: dependencies point from boundary to control
 * to entity, control code never speaks HTTP, entities never go onto the federation wire, and
 * business components do not depend on each other in a circle.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.patchwork.broker");
  }

  @Test
  void controlAndEntitiesNeverReachIntoBoundaries() {
    noClasses()
        .that()
        .resideInAnyPackage("..control..", "..entity..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..boundary..", "org.patchwork.edge.problems..")
        .because("control code returns outcomes and each boundary maps them once")
        .check(classes);
  }

  @Test
  void controlAndEntitiesNeverBuildHttpResponses() {
    noClasses()
        .that()
        .resideInAnyPackage("..control..", "..entity..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.ws.rs.core.Response")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.ws.rs.WebApplicationException")
        .because("statuses and problem documents are the REST boundary's to choose")
        .check(classes);
  }

  @Test
  void entitiesNeverHoldWireTypes() {
    noClasses()
        .that()
        .resideInAPackage("..entity..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.patchwork.protocol.query..",
            "org.patchwork.protocol.contact..",
            "org.patchwork.protocol.directory..",
            "org.patchwork.protocol.envelope..",
            "org.patchwork.protocol.http..")
        .because("the protocol module owns the wire; a translation at the edge maps it")
        .check(classes);
  }

  @Test
  void componentsFormNoCycles() {
    slices().matching("org.patchwork.broker.(*)..").should().beFreeOfCycles().check(classes);
  }
}
