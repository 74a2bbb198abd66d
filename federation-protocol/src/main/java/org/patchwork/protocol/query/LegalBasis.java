package org.patchwork.protocol.query;

/**
 * Why a council may ask: the client's consent recorded at the requesting council, or the
 * safeguarding exception, which the requesting council must review afterwards.
 */
public enum LegalBasis {
  CONSENT,
  SAFEGUARDING
}
