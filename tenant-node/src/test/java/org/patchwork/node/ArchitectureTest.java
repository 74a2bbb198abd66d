package org.patchwork.node;

import org.patchwork.fixtures.ServiceArchitectureTest;

/**
 * The tenant node keeps the shape conventions.md describes (see {@link ServiceArchitectureTest}).
 */
class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("org.patchwork.node");
  }
}
