package org.patchwork.node;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patchwork.fixtures.ServiceArchitecture;

/** The tenant node keeps the shape conventions.md describes (see {@link ServiceArchitecture}). */
class ArchitectureTest {

  private static final String ROOT = "org.patchwork.node";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = ServiceArchitecture.of(ROOT);
  }

  @Test
  void controlAndEntitiesNeverReachIntoBoundaries() {
    ServiceArchitecture.controlAndEntitiesNeverReachIntoBoundaries().check(classes);
  }

  @Test
  void controlAndEntitiesNeverBuildHttpResponses() {
    ServiceArchitecture.controlAndEntitiesNeverBuildHttpResponses().check(classes);
  }

  @Test
  void entitiesNeverHoldWireTypes() {
    ServiceArchitecture.entitiesNeverHoldWireTypes().check(classes);
  }

  @Test
  void componentsFormNoCycles() {
    ServiceArchitecture.componentsFormNoCycles(ROOT).check(classes);
  }
}
