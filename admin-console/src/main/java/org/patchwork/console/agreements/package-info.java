/**
 * Trust agreements: an operator drafts, watches each council's signed approval arrive (councils
 * approve on their own nodes), suspends at once, retires, renews as a new version.
 */
package org.patchwork.console.agreements;
