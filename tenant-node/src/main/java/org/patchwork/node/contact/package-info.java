/**
 * Contact requests for restricted involvements: a practitioner who sees only "a restricted service
 * is involved" asks to be reached, and the team's gatekeeper decides what, if anything, to share.
 */
package org.patchwork.node.contact;
