/**
 * Councils: registered from their council-signed key sets, their node's address, suspension, key
 * history.
 */
package org.patchwork.console.councils;
