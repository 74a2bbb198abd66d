/**
 * The part of the local stack that a module's integration tests run around their own deployment:
 * the real PostgreSQL and Keycloak, started once per test JVM.
 */
package org.patchwork.stack.testing;
