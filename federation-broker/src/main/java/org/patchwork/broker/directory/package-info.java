/** The signed federation directory that nodes pull, and the broker's own keys that sign it. */
package org.patchwork.broker.directory;
