package org.patchwork.node.contact.entity;

/** How a gatekeeper answered. Only SHARE_CONTACT tells the requester who the service is. */
public enum ContactOutcome {
  SHARE_CONTACT,
  WILL_CALL_BACK,
  DECLINE
}
