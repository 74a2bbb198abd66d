/** Flags: practitioners the federation throttled, by council and pseudonym. */
package org.patchwork.console.flags;
