package org.patchwork.node.consent.entity;

/** How consent was recorded. */
public enum ConsentMethod {
  VERBAL,
  WRITTEN,
  IMPORTED,
  NOT_RECORDED
}
