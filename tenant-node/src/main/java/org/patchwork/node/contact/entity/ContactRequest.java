package org.patchwork.node.contact.entity;

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
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.practitioners.entity.Practitioner;

/** A practitioner's request to be reached by the team behind a restricted involvement. */
@Entity
@Table(name = "contact_request")
@NamedQuery(
    name = ContactRequest.WAITING_FOR_GATEKEEPER,
    query =
        "select c from ContactRequest c join c.involvement i join i.team t join t.gatekeepers g"
            + " where g = :gatekeeper and c.outcome is null order by c.requestedAt")
@NamedQuery(
    name = ContactRequest.OF_REQUESTER,
    query =
        "select c from ContactRequest c where c.requester = :requester order by c.requestedAt"
            + " desc")
public class ContactRequest {

  public static final String WAITING_FOR_GATEKEEPER = "ContactRequest.waitingForGatekeeper";
  public static final String OF_REQUESTER = "ContactRequest.ofRequester";

  @Id private UUID id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "involvement_id")
  private Involvement involvement;

  @ManyToOne(optional = false)
  @JoinColumn(name = "requester_id")
  private Practitioner requester;

  @Column(name = "callback_route", nullable = false)
  private String callbackRoute;

  @Column(name = "requested_at", nullable = false)
  private Instant requestedAt;

  @Enumerated(EnumType.STRING)
  private ContactOutcome outcome;

  @Column(name = "shared_contact")
  private String sharedContact;

  @ManyToOne
  @JoinColumn(name = "answered_by")
  private Practitioner answeredBy;

  @Column(name = "answered_at")
  private Instant answeredAt;

  @Version private long version;

  protected ContactRequest() {}

  public ContactRequest(Involvement involvement, Practitioner requester, String callbackRoute) {
    this.id = UUID.randomUUID();
    this.involvement = involvement;
    this.requester = requester;
    this.callbackRoute = callbackRoute;
    this.requestedAt = Instant.now();
  }

  /**
   * False when it was answered already. A shared contact is kept only with SHARE_CONTACT, so that
   * no other answer can name the service by accident.
   */
  public boolean answer(ContactOutcome outcome, String sharedContact, Practitioner gatekeeper) {
    if (this.outcome != null) {
      return false;
    }
    this.outcome = outcome;
    this.sharedContact = outcome == ContactOutcome.SHARE_CONTACT ? sharedContact : null;
    this.answeredBy = gatekeeper;
    this.answeredAt = Instant.now();
    return true;
  }

  public boolean mayBeAnsweredBy(Practitioner someone) {
    return involvement.team().isGatekeeper(someone);
  }

  public boolean isFrom(Practitioner someone) {
    return requester.equals(someone);
  }

  public UUID id() {
    return id;
  }

  public Involvement involvement() {
    return involvement;
  }

  public Practitioner requester() {
    return requester;
  }

  public String callbackRoute() {
    return callbackRoute;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public Optional<ContactOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  public Optional<String> sharedContact() {
    return Optional.ofNullable(sharedContact);
  }

  public Optional<Instant> answeredAt() {
    return Optional.ofNullable(answeredAt);
  }
}
