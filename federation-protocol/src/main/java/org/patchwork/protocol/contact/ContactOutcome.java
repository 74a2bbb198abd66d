package org.patchwork.protocol.contact;

/** A gatekeeper's answer. Only SHARE_CONTACT tells the requester who the service is. */
public enum ContactOutcome {
  SHARE_CONTACT,
  WILL_CALL_BACK,
  DECLINE
}
