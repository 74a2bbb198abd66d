package org.patchwork.broker.audit.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One routed, relayed, refused or throttled envelope, as metadata. The requester reference is the
 * requesting council's pseudonym of its practitioner: only that council can say who it is, and the
 * broker keeps it so that a throttled practitioner can be reviewed there.
 */
@Entity
@Table(name = "routing_record")
public class RoutingRecord {

  @Id private UUID id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RoutingKind kind;

  @Column(name = "envelope_id")
  private String envelopeId;

  @Column(name = "correlation_id")
  private String correlationId;

  @Column(name = "requester_council")
  private String requesterCouncil;

  @Column(name = "requester_ref")
  private String requesterRef;

  @Column(name = "target_council")
  private String targetCouncil;

  private String purpose;

  @Column(name = "legal_basis")
  private String legalBasis;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RoutingOutcome outcome;

  private String reason;

  @Column(name = "http_status", nullable = false)
  private int httpStatus;

  @Column(name = "partial_answer")
  private Boolean partial;

  @Column(name = "elapsed_ms", nullable = false)
  private long elapsedMillis;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "routing_node_call", joinColumns = @JoinColumn(name = "record_id"))
  private List<NodeCall> nodes = new ArrayList<>();

  protected RoutingRecord() {}

  public RoutingRecord(RoutingKind kind, Instant receivedAt) {
    this.id = UUID.randomUUID();
    this.kind = kind;
    this.receivedAt = receivedAt;
  }

  /** Who asked, why, under which ids; every value already checked against its pattern. */
  public RoutingRecord about(
      String envelopeId,
      String correlationId,
      String requesterCouncil,
      String requesterRef,
      String targetCouncil,
      String purpose,
      String legalBasis) {
    this.envelopeId = envelopeId;
    this.correlationId = correlationId;
    this.requesterCouncil = requesterCouncil;
    this.requesterRef = requesterRef;
    this.targetCouncil = targetCouncil;
    this.purpose = purpose;
    this.legalBasis = legalBasis;
    return this;
  }

  public RoutingRecord answered(boolean partial, List<NodeCall> calls, long elapsedMillis) {
    this.outcome = RoutingOutcome.ANSWERED;
    this.httpStatus = 200;
    this.partial = partial;
    this.nodes = new ArrayList<>(calls);
    this.elapsedMillis = elapsedMillis;
    return this;
  }

  public RoutingRecord ended(
      RoutingOutcome outcome, String reason, int httpStatus, long elapsedMillis) {
    this.outcome = outcome;
    this.reason = reason;
    this.httpStatus = httpStatus;
    this.elapsedMillis = elapsedMillis;
    return this;
  }

  public UUID id() {
    return id;
  }

  public RoutingKind kind() {
    return kind;
  }

  public Optional<String> envelopeId() {
    return Optional.ofNullable(envelopeId);
  }

  public Optional<String> correlationId() {
    return Optional.ofNullable(correlationId);
  }

  public Optional<String> requesterCouncil() {
    return Optional.ofNullable(requesterCouncil);
  }

  public Optional<String> requesterRef() {
    return Optional.ofNullable(requesterRef);
  }

  public Optional<String> targetCouncil() {
    return Optional.ofNullable(targetCouncil);
  }

  public Optional<String> purpose() {
    return Optional.ofNullable(purpose);
  }

  public Optional<String> legalBasis() {
    return Optional.ofNullable(legalBasis);
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public RoutingOutcome outcome() {
    return outcome;
  }

  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  public int httpStatus() {
    return httpStatus;
  }

  public Optional<Boolean> partial() {
    return Optional.ofNullable(partial);
  }

  public long elapsedMillis() {
    return elapsedMillis;
  }

  public List<NodeCall> nodes() {
    return List.copyOf(nodes);
  }
}
