/**
 * What the operators' console reads: each council's health now, traffic aggregates, throttled
 * practitioners, agreements with each party's decisions, key history and the operators' audit.
 * Metadata only: no client data exists at the broker.
 */
package org.patchwork.broker.operations;
