/**
 * The council's practitioners: linked to their Keycloak account, approved or suspended by a council
 * admin, and reachable as they chose.
 */
package org.patchwork.node.practitioners;
