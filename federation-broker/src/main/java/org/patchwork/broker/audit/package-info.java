/**
 * The broker's metadata-only audit: what it routed, relayed, refused or throttled, with ids,
 * councils, purpose and timings shared by correlation id with the nodes' audits, and never a token,
 * sealed payload or anything about the client.
 */
package org.patchwork.broker.audit;
