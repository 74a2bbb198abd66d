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
        "select c from ContactRequest c join c.involvement i where c.outcome is null and exists"
            + " (select g from Practitioner g join g.gatekeeperOf t where g = :gatekeeper and t ="
            + " i.team) order by c.requestedAt")
@NamedQuery(
    name = ContactRequest.OF_REQUESTER,
    query =
        "select c from ContactRequest c join fetch c.involvement i join fetch i.client join"
            + " fetch i.team where c.requester = :requester order by c.requestedAt desc")
@NamedQuery(
    name = ContactRequest.OF_REQUESTER_ABOUT,
    query =
        "select c from ContactRequest c join fetch c.involvement i join fetch i.team where"
            + " c.requester = :requester and i.client.id = :client order by c.requestedAt desc")
@NamedQuery(
    name = ContactRequest.AWAITING_RELAY,
    query =
        "select c from ContactRequest c where c.remoteCouncil is not null and c.outcome is not"
            + " null and c.replyRelayedAt is null order by c.answeredAt")
public class ContactRequest {

  public static final String AWAITING_RELAY = "ContactRequest.awaitingRelay";

  public static final String WAITING_FOR_GATEKEEPER = "ContactRequest.waitingForGatekeeper";
  public static final String OF_REQUESTER = "ContactRequest.ofRequester";
  public static final String OF_REQUESTER_ABOUT = "ContactRequest.ofRequesterAbout";

  @Id private UUID id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "involvement_id")
  private Involvement involvement;

  /** Null for a request from another council, whose practitioner is not known here. */
  @ManyToOne
  @JoinColumn(name = "requester_id")
  private Practitioner requester;

  @Column(name = "remote_council")
  private String remoteCouncil;

  @Column(name = "remote_request_id")
  private String remoteRequestId;

  /** Who asks at the other council, as their node sealed it for the gatekeeper. */
  @Column(name = "remote_requester")
  private String remoteRequester;

  @Column(name = "reply_relayed_at")
  private Instant replyRelayedAt;

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
   * A request relayed from another council's practitioner. The answer goes back through the broker,
   * so the request remembers the other council's id for it.
   */
  public static ContactRequest fromAnotherCouncil(
      Involvement involvement,
      String council,
      String requestId,
      String requesterDescription,
      String callbackRoute) {
    ContactRequest request = new ContactRequest(involvement, null, callbackRoute);
    request.remoteCouncil = council;
    request.remoteRequestId = requestId;
    request.remoteRequester = requesterDescription;
    return request;
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
    return someone.isGatekeeperOf(involvement.team());
  }

  public boolean isFrom(Practitioner someone) {
    return requester != null && requester.equals(someone);
  }

  public boolean isFromAnotherCouncil() {
    return remoteCouncil != null;
  }

  public Optional<String> remoteCouncil() {
    return Optional.ofNullable(remoteCouncil);
  }

  public Optional<String> remoteRequestId() {
    return Optional.ofNullable(remoteRequestId);
  }

  /** Whether the answer still has to go back to the other council. */
  public boolean awaitsRelay() {
    return remoteCouncil != null && outcome != null && replyRelayedAt == null;
  }

  public void replyRelayed() {
    this.replyRelayedAt = Instant.now();
  }

  /** Who asks, for the gatekeeper: a practitioner here, or one described by their council. */
  public String requesterDescription() {
    return requester != null ? requester.displayName() : remoteRequester;
  }

  public UUID id() {
    return id;
  }

  public Involvement involvement() {
    return involvement;
  }

  public Optional<Practitioner> requester() {
    return Optional.ofNullable(requester);
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
