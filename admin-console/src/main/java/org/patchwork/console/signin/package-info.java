/** Operators and auditors sign in with the federation realm's OpenID Connect code flow. */
package org.patchwork.console.signin;
