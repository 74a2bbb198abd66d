package org.patchwork.node.involvements.entity;

/** Why an involvement ended. */
public enum EndReason {
  WORK_COMPLETED,
  CLIENT_MOVED,
  TRANSFERRED,
  CLIENT_DECLINED,
  EXPIRED_INACTIVE,
  OTHER
}
