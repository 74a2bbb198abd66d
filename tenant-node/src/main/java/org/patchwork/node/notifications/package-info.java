/**
 * What a practitioner is told about the clients they work with: someone joined or left the team,
 * raised attention, asked to reach a restricted service, or answered that request.
 */
package org.patchwork.node.notifications;
