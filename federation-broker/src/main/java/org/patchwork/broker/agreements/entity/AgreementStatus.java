package org.patchwork.broker.agreements.entity;

/**
 * DRAFT until every party approved; SUSPENDED is final for routing until a new agreement; RETIRED
 * is an operator ending it for good.
 */
public enum AgreementStatus {
  DRAFT,
  ACTIVE,
  SUSPENDED,
  RETIRED
}
