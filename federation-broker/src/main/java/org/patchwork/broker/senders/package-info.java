/**
 * Who sent an envelope: the broker believes a node's query, contact request or reply only when a
 * registered, active node's key signed it, it names that node as its sender, it is current and was
 * never seen before by any broker instance.
 */
package org.patchwork.broker.senders;
