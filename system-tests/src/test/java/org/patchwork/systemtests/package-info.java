/** Black-box scenarios against the real local federation, started through the launcher's code. */
package org.patchwork.systemtests;
