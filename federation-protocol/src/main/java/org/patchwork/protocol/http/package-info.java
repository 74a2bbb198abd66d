/**
 * The federation's HTTP contract: the routes at the broker and at a node, and the media type of the
 * envelopes they carry. Both sides name them from here, so neither can drift alone.
 */
package org.patchwork.protocol.http;
