/**
 * The federation broker: the node registry, trust agreements and the routing of minimal queries
 * between councils. It holds routing metadata only, never client data.
 */
package org.patchwork.broker;
