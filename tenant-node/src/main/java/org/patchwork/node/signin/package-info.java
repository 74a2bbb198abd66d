/**
 * Who is calling: bearer tokens from the council's Keycloak realm for the API (and, later, the OIDC
 * code flow for pages), verified by one authentication mechanism of our own.
 */
package org.patchwork.node.signin;
