/**
 * The practitioners' and council admins' web pages: what every page shares (headers, messages,
 * transactions). Each component's own pages sit in its boundary and call its controls, so the pages
 * and the API apply the same checks.
 */
package org.patchwork.node.pages;
