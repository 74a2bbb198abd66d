/**
 * The people practitioners work with: just enough identity to find and confirm them (names, date of
 * birth, suburb) and the council's own reference. Never case notes or free text.
 */
package org.patchwork.node.clients;
