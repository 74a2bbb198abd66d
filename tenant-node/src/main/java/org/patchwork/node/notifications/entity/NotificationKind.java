package org.patchwork.node.notifications.entity;

/** What happened; stored by name. */
public enum NotificationKind {
  JOINED,
  LEFT,
  ATTENTION,
  CONTACT_REQUEST,
  CONTACT_ANSWERED,
  FOUND_ELSEWHERE,
  INVITED
}
