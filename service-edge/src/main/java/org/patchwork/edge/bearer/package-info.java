/**
 * Bearer tokens at the API's edge, as the node and the broker both take them: reading the {@code
 * Authorization} header, the 401 with {@code WWW-Authenticate: Bearer} and a problem document, and
 * checking a Keycloak realm's access tokens. Which realms and callers to accept stays with each
 * service.
 */
package org.patchwork.edge.bearer;
