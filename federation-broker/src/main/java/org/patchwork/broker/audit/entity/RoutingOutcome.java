package org.patchwork.broker.audit.entity;

/**
 * What became of it. A relayed contact is RELAYED or FAILED only: the gatekeeper's answer is none
 * of the broker's business.
 */
public enum RoutingOutcome {
  ANSWERED,
  REFUSED,
  THROTTLED,
  RELAYED,
  FAILED
}
