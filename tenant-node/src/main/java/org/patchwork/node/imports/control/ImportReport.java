package org.patchwork.node.imports.control;

import java.util.List;

/**
 * What an import did: rows that created or changed something, rows already reflected in the node,
 * and rows refused with their reasons.
 */
public record ImportReport(int imported, int unchanged, List<Rejection> rejected) {

  public ImportReport {
    rejected = List.copyOf(rejected);
  }
}
