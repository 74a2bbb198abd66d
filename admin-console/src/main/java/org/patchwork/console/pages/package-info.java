/** What every console page shares: the frame, security headers, messages and formats. */
package org.patchwork.console.pages;
