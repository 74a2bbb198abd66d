/**
 * The client's team, the "patch": which practitioner or team is involved with a client, in what
 * role, since when, and who may see it.
 */
package org.patchwork.node.involvements;
