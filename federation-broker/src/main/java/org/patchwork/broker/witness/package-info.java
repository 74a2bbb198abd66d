/**
 * The audit witness: keeps each council's signed audit checkpoints and countersigns them, and tells
 * a node the latest it holds, so a tail cut or rewritten in the council's own database is caught.
 */
package org.patchwork.broker.witness;
