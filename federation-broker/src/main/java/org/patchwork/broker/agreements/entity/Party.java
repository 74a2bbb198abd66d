package org.patchwork.broker.agreements.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Optional;

/** A council bound by an agreement, and its admin's approval once given. */
@Embeddable
public class Party {

  @Column(name = "council_id", nullable = false)
  private String councilId;

  @Column(name = "approved_by")
  private String approvedBy;

  @Column(name = "approved_at")
  private Instant approvedAt;

  protected Party() {}

  Party(String councilId) {
    this.councilId = councilId;
  }

  void approve(String by) {
    this.approvedBy = by;
    this.approvedAt = Instant.now();
  }

  public String councilId() {
    return councilId;
  }

  public boolean hasApproved() {
    return approvedBy != null;
  }

  public Optional<String> approvedBy() {
    return Optional.ofNullable(approvedBy);
  }

  public Optional<Instant> approvedAt() {
    return Optional.ofNullable(approvedAt);
  }
}
