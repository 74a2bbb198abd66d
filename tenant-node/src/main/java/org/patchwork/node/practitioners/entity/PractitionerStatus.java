package org.patchwork.node.practitioners.entity;

/** Only approved practitioners see clients' teams; pending ones wait for a council admin. */
public enum PractitionerStatus {
  PENDING,
  APPROVED,
  SUSPENDED
}
