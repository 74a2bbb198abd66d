/**
 * One council's Patchwork node: who works with which client, consent and audit, held only in the
 * council's own database, behind the council's own Keycloak realm.
 */
package org.patchwork.node;
