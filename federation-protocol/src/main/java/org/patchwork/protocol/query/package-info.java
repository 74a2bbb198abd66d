/**
 * The federated query on the wire, version 3: what a requesting node sends through the broker
 * (purpose, legal basis and sealed match tokens, never names or dates) and what comes back per
 * council (the broker's delivery outcome and, sealed to the requester and padded to a fixed size,
 * the council's status and minimal matches).
 */
package org.patchwork.protocol.query;
