/**
 * Importing a council's existing caseload from CSV: clients, the teams and practitioners working
 * with them, their involvements and consent, idempotently and with bad rows reported by line.
 */
package org.patchwork.node.imports;
