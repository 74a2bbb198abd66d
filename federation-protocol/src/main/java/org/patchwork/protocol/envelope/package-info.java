/**
 * Envelopes: what one party signs (JWS, ES256) and what it seals to another (JWE, ECDH-ES with
 * AES-GCM), with the checks a receiver applies before believing anything: known key, valid
 * signature, fresh, never seen before.
 */
package org.patchwork.protocol.envelope;
