/**
 * Why this council's node will not do what was asked: control code says it in the domain's words (a
 * kind, a reason code, the field at fault), and each boundary says it once in its own terms, a
 * problem document for the API and a message beside the field on a page.
 */
package org.patchwork.node.refusals;
