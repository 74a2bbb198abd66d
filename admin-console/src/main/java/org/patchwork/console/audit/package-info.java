/** Audit: every operator action, from the broker's own hash-chained audit, and its check. */
package org.patchwork.console.audit;
