/**
 * The safeguarding override: a practitioner outside a client's team states why they must see it,
 * sees it for a limited time, and a council admin reviews every use.
 */
package org.patchwork.node.breakglass;
