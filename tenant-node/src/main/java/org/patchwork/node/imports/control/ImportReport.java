package org.patchwork.node.imports.control;

import java.util.List;

/**
 * What an import did: rows that created or changed something, rows already reflected in the node,
 * rows refused with their reasons, and the teams it created (only when asked to create teams).
 */
public record ImportReport(
    int imported, int unchanged, List<Rejection> rejected, List<CreatedTeam> teamsCreated) {

  /** A team the import created because a row named it: its name as written and its service. */
  public record CreatedTeam(String name, String service) {}

  public ImportReport {
    rejected = List.copyOf(rejected);
    teamsCreated = teamsCreated == null ? List.of() : List.copyOf(teamsCreated);
  }

  public ImportReport(int imported, int unchanged, List<Rejection> rejected) {
    this(imported, unchanged, rejected, List.of());
  }
}
