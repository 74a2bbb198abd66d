/**
 * Starts and stops a real local federation as operating-system processes: a private PostgreSQL
 * cluster, Keycloak with a realm per council, the broker, one tenant node per council and the admin
 * console. The {@code ./patchwork} launcher and the system tests both use it, so there is one way
 * to start the stack.
 */
package org.patchwork.stack;
