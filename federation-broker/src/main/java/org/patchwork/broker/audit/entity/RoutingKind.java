package org.patchwork.broker.audit.entity;

/** What the broker was asked to route. */
public enum RoutingKind {
  QUERY,
  CONTACT_REQUEST,
  CONTACT_REPLY
}
