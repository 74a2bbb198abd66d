package org.patchwork.broker;

import org.patchwork.fixtures.ServiceArchitectureTest;

/** The broker keeps the shape conventions.md describes (see {@link ServiceArchitectureTest}). */
class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("org.patchwork.broker");
  }
}
