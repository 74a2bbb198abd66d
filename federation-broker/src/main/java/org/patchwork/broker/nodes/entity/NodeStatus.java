package org.patchwork.broker.nodes.entity;

/** A suspended node is left out of the directory and of every route. */
public enum NodeStatus {
  ACTIVE,
  SUSPENDED
}
