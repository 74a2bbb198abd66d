/** The overview: every council's node as it is now, problems first, and the directory. */
package org.patchwork.console.overview;
