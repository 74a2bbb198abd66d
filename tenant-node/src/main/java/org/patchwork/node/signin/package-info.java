/**
 * Who is calling: bearer tokens from the council's Keycloak realm for the API, and the OpenID
 * Connect code flow for pages (tokens stay on the server), behind one authentication mechanism.
 */
package org.patchwork.node.signin;
