package org.patchwork.protocol.trust;

import java.util.List;

/**
 * One version of an agreement as the broker publishes it: the terms, the councils' signed decisions
 * (compact JWS, opaque to the broker) and whether the broker suspended it. The broker's flag can
 * only stop traffic: a node needs every party's signed approval whatever the flag says.
 */
public record SignedAgreement(
    AgreementTerms terms, List<String> decisions, boolean suspendedByBroker) {

  public SignedAgreement {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }
}
