/**
 * The broker's API as the console calls it, always with the signed-in person's own access token:
 * the broker decides what they may see and do, the console only shows it.
 */
package org.patchwork.console.broker;
