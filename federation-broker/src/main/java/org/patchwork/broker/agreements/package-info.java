/**
 * Trust agreements between councils: which purposes and services may be asked about, on what legal
 * basis, until when. An operator drafts; only the approval of every party's council admin makes one
 * active; suspension takes effect at once.
 */
package org.patchwork.broker.agreements;
