package org.patchwork.node.imports.control;

/** A row that was not imported, and what to fix in it. */
public record Rejection(int line, String reason) {}
