/** The operators' and council admins' web console over the broker. */
package org.patchwork.console;
