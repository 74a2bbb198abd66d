package org.patchwork.node.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One decision this council's admin signed on an agreement version, as the signed statement
 * (compact JWS) the council key made. Kept so that this node's trust roots never depend on the
 * broker handing its own decisions back.
 */
@Entity
@Table(name = "council_decision")
@NamedQuery(
    name = CouncilDecision.ALL,
    query = "select d from CouncilDecision d order by d.decidedAt")
public class CouncilDecision {

  public static final String ALL = "CouncilDecision.all";

  @Id private UUID id;

  @Column(name = "agreement_id", nullable = false)
  private String agreementId;

  @Column(name = "terms_version", nullable = false)
  private int termsVersion;

  @Column(nullable = false)
  private String kind;

  @Column(nullable = false)
  private String statement;

  @Column(name = "decided_by", nullable = false)
  private String decidedBy;

  @Column(name = "decided_at", nullable = false)
  private Instant decidedAt;

  protected CouncilDecision() {}

  public CouncilDecision(
      String agreementId,
      int termsVersion,
      String kind,
      String statement,
      String decidedBy,
      Instant decidedAt) {
    this.id = UUID.randomUUID();
    this.agreementId = agreementId;
    this.termsVersion = termsVersion;
    this.kind = kind;
    this.statement = statement;
    this.decidedBy = decidedBy;
    this.decidedAt = decidedAt;
  }

  public String agreementId() {
    return agreementId;
  }

  public int termsVersion() {
    return termsVersion;
  }

  public String kind() {
    return kind;
  }

  public String statement() {
    return statement;
  }

  public String decidedBy() {
    return decidedBy;
  }

  public Instant decidedAt() {
    return decidedAt;
  }
}
