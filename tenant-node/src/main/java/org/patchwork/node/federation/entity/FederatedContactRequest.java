package org.patchwork.node.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.practitioners.entity.Practitioner;

/**
 * A contact request this council's practitioner sent to a restricted involvement at another
 * council. It knows only the handle; which service it is stays unknown unless the gatekeeper shares
 * it.
 */
@Entity
@Table(name = "federated_contact_request")
@NamedQuery(
    name = FederatedContactRequest.OF_PRACTITIONER,
    query =
        "select r from FederatedContactRequest r where r.practitioner = :practitioner order by"
            + " r.requestedAt desc")
public class FederatedContactRequest {

  public static final String OF_PRACTITIONER = "FederatedContactRequest.ofPractitioner";

  @Id private UUID id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "practitioner_id")
  private Practitioner practitioner;

  @Column(name = "target_council", nullable = false)
  private String targetCouncil;

  @Column(nullable = false)
  private String handle;

  @Column(name = "callback_route", nullable = false)
  private String callbackRoute;

  @Column(name = "requested_at", nullable = false)
  private Instant requestedAt;

  @Column(name = "delivered_at")
  private Instant deliveredAt;

  @Enumerated(EnumType.STRING)
  private ContactOutcome outcome;

  @Column(name = "shared_service")
  private String sharedService;

  @Column(name = "shared_team")
  private String sharedTeam;

  @Column(name = "shared_contact")
  private String sharedContact;

  @Column(name = "answered_at")
  private Instant answeredAt;

  @Version private long version;

  protected FederatedContactRequest() {}

  public FederatedContactRequest(
      Practitioner practitioner, String targetCouncil, String handle, String callbackRoute) {
    this.id = UUID.randomUUID();
    this.practitioner = practitioner;
    this.targetCouncil = targetCouncil;
    this.handle = handle;
    this.callbackRoute = callbackRoute;
    this.requestedAt = Instant.now();
  }

  /** The broker took it and the other council stored it. */
  public void delivered() {
    this.deliveredAt = Instant.now();
  }

  /**
   * False when it was answered already. What was shared is kept only with SHARE_CONTACT.
   *
   * @param service the service the gatekeeper shared, or null; likewise {@code team} and {@code
   *     contact}
   */
  public boolean answered(ContactOutcome outcome, String service, String team, String contact) {
    if (this.outcome != null) {
      return false;
    }
    this.outcome = outcome;
    if (outcome == ContactOutcome.SHARE_CONTACT) {
      this.sharedService = service;
      this.sharedTeam = team;
      this.sharedContact = contact;
    }
    this.answeredAt = Instant.now();
    return true;
  }

  public UUID id() {
    return id;
  }

  public Practitioner practitioner() {
    return practitioner;
  }

  public String targetCouncil() {
    return targetCouncil;
  }

  public String handle() {
    return handle;
  }

  public String callbackRoute() {
    return callbackRoute;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public Optional<Instant> deliveredAt() {
    return Optional.ofNullable(deliveredAt);
  }

  public Optional<ContactOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  public Optional<String> sharedService() {
    return Optional.ofNullable(sharedService);
  }

  public Optional<String> sharedTeam() {
    return Optional.ofNullable(sharedTeam);
  }

  public Optional<String> sharedContact() {
    return Optional.ofNullable(sharedContact);
  }

  public Optional<Instant> answeredAt() {
    return Optional.ofNullable(answeredAt);
  }
}
