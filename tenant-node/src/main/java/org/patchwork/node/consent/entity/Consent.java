package org.patchwork.node.consent.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A client's current consent state at this council; its history lives in the audit log. */
@Entity
@Table(name = "consent")
public class Consent {

  @Id
  @Column(name = "client_id")
  private UUID clientId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ConsentState state;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ConsentMethod method;

  @Column(name = "recorded_by", nullable = false)
  private String recordedBy;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  @Version private long version;

  protected Consent() {}

  public Consent(UUID clientId, ConsentState state, ConsentMethod method, String recordedBy) {
    this.clientId = clientId;
    record(state, method, recordedBy);
  }

  public static Consent notAsked(UUID clientId, String recordedBy) {
    return new Consent(clientId, ConsentState.NOT_ASKED, ConsentMethod.NOT_RECORDED, recordedBy);
  }

  /** Recorded when the client has not been asked after all, e.g. a state entered in error. */
  public void notAskedYet(String by) {
    record(ConsentState.NOT_ASKED, ConsentMethod.NOT_RECORDED, by);
  }

  public void give(ConsentMethod how, String by) {
    record(ConsentState.GIVEN, how, by);
  }

  public void refuse(ConsentMethod how, String by) {
    record(ConsentState.REFUSED, how, by);
  }

  public void withdraw(ConsentMethod how, String by) {
    record(ConsentState.WITHDRAWN, how, by);
  }

  private void record(ConsentState next, ConsentMethod how, String by) {
    this.state = next;
    this.method = how;
    this.recordedBy = by;
    this.recordedAt = Instant.now();
  }

  public boolean allowsSharing() {
    return state == ConsentState.GIVEN;
  }

  public UUID clientId() {
    return clientId;
  }

  public ConsentState state() {
    return state;
  }

  public ConsentMethod method() {
    return method;
  }

  public String recordedBy() {
    return recordedBy;
  }

  public Instant recordedAt() {
    return recordedAt;
  }
}
