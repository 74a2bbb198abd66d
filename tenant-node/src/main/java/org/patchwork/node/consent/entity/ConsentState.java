package org.patchwork.node.consent.entity;

/** Only GIVEN lets this council reveal a client's involvements to another council. */
public enum ConsentState {
  GIVEN,
  NOT_ASKED,
  REFUSED,
  WITHDRAWN
}
