/**
 * Turns a person's names and date of birth into normalised match keys, keyed match tokens that can
 * cross a council boundary without revealing the identity, and a grade (certain, probable,
 * possible) for how well a candidate agrees with a query. The tenant node's local search and the
 * federated query use the same code, so they grade a pair of identities identically.
 */
package org.patchwork.protocol.matching;
