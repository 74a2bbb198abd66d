package org.patchwork.node.breakglass.entity;

/** A council admin's verdict on one use of break-glass. */
public enum ReviewOutcome {
  APPROPRIATE,
  INAPPROPRIATE
}
