/**
 * The federation directory the broker signs and nodes pull: every active node with its public keys,
 * and every agreement in force. Nodes check inbound queries against it (defence in depth).
 */
package org.patchwork.protocol.directory;
