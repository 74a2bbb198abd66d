/**
 * This council's side of the federation: asking other councils "is anyone else involved?" through
 * the broker, and answering their questions from this council's own data under its own policy.
 * Names and dates of birth never leave the node: only keyed match tokens, sealed to each target.
 */
package org.patchwork.node.federation;
