/**
 * The contact relay: a requesting node's contact request for a restricted involvement goes to the
 * council that holds it, and the gatekeeper's reply comes back, both as the sender signed them. The
 * broker records only that it relayed them (or failed to), never the outcome or who asked.
 */
package org.patchwork.broker.contact;
