package org.patchwork.node.federation.entity;

/** Why a federated query waits for a council admin's review. */
public enum ReviewReason {
  /** Asked under the safeguarding exception, without the client's consent. */
  SAFEGUARDING,
  /** The broker throttled the practitioner for asking too often: possible enumeration. */
  THROTTLED,
  /**
   * Another council asked under the safeguarding exception and this council disclosed one of its
   * clients: the answering side reviews it too, since the client is its own.
   */
  DISCLOSED
}
