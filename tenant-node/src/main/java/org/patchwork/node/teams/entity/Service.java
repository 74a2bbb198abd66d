package org.patchwork.node.teams.entity;

/** The kind of service a team belongs to. */
public enum Service {
  YOUTH_SERVICES,
  MATERNAL_CHILD_HEALTH,
  POLICE,
  SCHOOL,
  HEALTH,
  CHARITY,
  OTHER
}
