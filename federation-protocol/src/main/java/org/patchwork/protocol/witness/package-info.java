/**
 * The audit witness: a node sends each signed checkpoint of its audit chain (sequence and hash) to
 * the broker, which keeps it and countersigns it, so a tail cut or rewritten in the council's own
 * database is caught against a copy that database does not hold.
 */
package org.patchwork.protocol.witness;
