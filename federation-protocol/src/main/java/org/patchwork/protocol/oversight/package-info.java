/**
 * What the broker tells the operators' console about the federation it watches over (the broker's
 * {@code /api/operations} reads): each council's node and its answers, the directory, traffic,
 * throttled practitioners and agreements with each council's decision. Metadata only: no client
 * data exists at the broker.
 */
package org.patchwork.protocol.oversight;
