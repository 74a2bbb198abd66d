/**
 * Routing of federated queries: verify the requesting node, find the councils an agreement in force
 * covers for the purpose, fan out in parallel under a per-node and an overall deadline with a
 * circuit breaker per node, and sign the aggregate. Never reads the sealed tokens or answers.
 */
package org.patchwork.broker.routing;
