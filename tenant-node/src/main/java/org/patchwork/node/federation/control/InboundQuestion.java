package org.patchwork.node.federation.control;

import java.util.List;
import org.patchwork.protocol.directory.DirectoryAgreement;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.protocol.query.QueryRequest;

/**
 * Another council's question, once {@link QueryAnswering} has proven who sent it, in this node's
 * terms: who asks, why, on what basis, and the terms of the agreements it is asked under.
 */
public record InboundQuestion(
    String queryId,
    String correlationId,
    String requesterCouncil,
    String requesterRef,
    String purpose,
    LegalBasis basis,
    List<Terms> agreements) {

  /**
   * What an agreement in force lets the requester learn: for which purposes, about which services
   * (none: all).
   */
  public record Terms(List<String> purposes, List<String> services) {
    static Terms of(DirectoryAgreement agreement) {
      return new Terms(agreement.purposes(), agreement.services());
    }
  }

  public InboundQuestion {
    agreements = List.copyOf(agreements);
  }

  /** The edge: the wire's query and the directory's agreements, translated once. */
  static InboundQuestion of(QueryRequest query, List<DirectoryAgreement> agreements) {
    return new InboundQuestion(
        query.queryId(),
        query.correlationId(),
        query.requesterCouncil(),
        query.requesterRef(),
        query.purpose(),
        query.legalBasis(),
        agreements.stream().map(Terms::of).toList());
  }
}
