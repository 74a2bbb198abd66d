/**
 * Council-held trust: what a council's own key signs (its node's key set, its decisions on an
 * agreement's terms) and the one verifier that decides, at a node, which peer keys and which
 * agreements are in force. The broker carries these statements but cannot make them: nothing it
 * adds, drops or rewrites starts traffic; dropping a party's approval or adding a suspension can
 * only stop it.
 */
package org.patchwork.protocol.trust;
