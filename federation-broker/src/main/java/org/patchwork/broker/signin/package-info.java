/**
 * Who is calling the broker's API: operators with tokens from the federation realm, and council
 * admins with tokens from their own council's realm, which names the council they speak for.
 */
package org.patchwork.broker.signin;
