/**
 * The node's append-only, tamper-evident audit log: who did what, why and when (never the results),
 * chained by hashes so that a changed, removed or reordered record is detected.
 */
package org.patchwork.node.audit;
