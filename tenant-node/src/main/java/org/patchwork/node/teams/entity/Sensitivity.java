package org.patchwork.node.teams.entity;

/**
 * Whether an involvement may be named to others. A restricted one (family violence, sexual health)
 * is only ever shown as "a restricted service is involved", reachable through its team's
 * gatekeepers.
 */
public enum Sensitivity {
  STANDARD,
  RESTRICTED
}
