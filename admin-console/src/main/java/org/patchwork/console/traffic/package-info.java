/**
 * Traffic: the broker's metadata log with filters, a CSV export safe to open in a spreadsheet, and
 * charts of volume and latency per council pair drawn on the server as SVG. Never client data.
 */
package org.patchwork.console.traffic;
