/**
 * The registry of councils' nodes: where each lives and the public keys it signs and receives with.
 */
package org.patchwork.broker.nodes;
