/**
 * Contact requests for restricted involvements, relayed by the broker: the requester names only an
 * opaque handle from an answer, and learns which service is involved only if the gatekeeper shares
 * it. Who is asking and what is shared travel sealed, so the broker sees councils and ids only.
 */
package org.patchwork.protocol.contact;
