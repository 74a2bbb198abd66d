/**
 * The federated query on the wire, version 1: what a requesting node sends through the broker
 * (purpose, legal basis and sealed match tokens, never names or dates) and what comes back per
 * council (a status and, sealed to the requester, minimal matches).
 */
package org.patchwork.protocol.query;
