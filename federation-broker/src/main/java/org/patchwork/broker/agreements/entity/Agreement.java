package org.patchwork.broker.agreements.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A trust agreement between two or more councils. */
@Entity
@Table(name = "agreement")
@NamedQuery(name = Agreement.ALL, query = "select a from Agreement a order by a.draftedAt")
@NamedQuery(
    name = Agreement.ACTIVE_FOR,
    query =
        "select distinct a from Agreement a join a.parties p where p.councilId = :council"
            + " and a.status = org.patchwork.broker.agreements.entity.AgreementStatus.ACTIVE")
public class Agreement {

  public static final String ALL = "Agreement.all";

  /** Active agreements binding {@code :council}; whether one is in force today is checked after. */
  public static final String ACTIVE_FOR = "Agreement.activeFor";

  @Id private UUID id;

  @Column(nullable = false)
  private String title;

  @Column(name = "legal_basis", nullable = false)
  private String legalBasis;

  @Column(name = "valid_from", nullable = false)
  private LocalDate validFrom;

  @Column(name = "valid_until", nullable = false)
  private LocalDate validUntil;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private AgreementStatus status;

  @Column(name = "drafted_by", nullable = false)
  private String draftedBy;

  @Column(name = "drafted_at", nullable = false)
  private Instant draftedAt;

  @Column(name = "suspended_by")
  private String suspendedBy;

  @Column(name = "suspended_at")
  private Instant suspendedAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "agreement_party", joinColumns = @JoinColumn(name = "agreement_id"))
  private List<Party> parties = new ArrayList<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "agreement_purpose", joinColumns = @JoinColumn(name = "agreement_id"))
  @Column(name = "purpose")
  private Set<String> purposes = new TreeSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "agreement_service", joinColumns = @JoinColumn(name = "agreement_id"))
  @Column(name = "service")
  private Set<String> services = new TreeSet<>();

  @Column(name = "terms_version", nullable = false)
  private int termsVersion = 1;

  @Column(name = "safeguarding_allowed", nullable = false)
  private boolean safeguardingAllowed = true;

  /**
   * The councils' signed decisions, opaque here: nodes verify them, the broker only carries them.
   */
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "agreement_decision", joinColumns = @JoinColumn(name = "agreement_id"))
  @Column(name = "statement", nullable = false)
  private List<String> decisions = new ArrayList<>();

  /** The canonical terms of a newer version awaiting every party's approval, as JSON. */
  @Column(name = "pending_terms")
  private String pendingTerms;

  @Column(name = "pending_drafted_by")
  private String pendingDraftedBy;

  @Column(name = "pending_drafted_at")
  private Instant pendingDraftedAt;

  @Column(name = "retired_by")
  private String retiredBy;

  @Column(name = "retired_at")
  private Instant retiredAt;

  @Version private long version;

  protected Agreement() {}

  /** A draft; the operator who drafts it can never approve it. */
  public Agreement(
      String title,
      String legalBasis,
      Set<String> councils,
      Set<String> purposes,
      Set<String> services,
      LocalDate validFrom,
      LocalDate validUntil,
      boolean safeguardingAllowed,
      String draftedBy) {
    this.id = UUID.randomUUID();
    this.safeguardingAllowed = safeguardingAllowed;
    this.title = title;
    this.legalBasis = legalBasis;
    new TreeSet<>(councils).forEach(council -> parties.add(new Party(council)));
    this.purposes = new TreeSet<>(purposes);
    this.services = new TreeSet<>(services);
    this.validFrom = validFrom;
    this.validUntil = validUntil;
    this.status = AgreementStatus.DRAFT;
    this.draftedBy = draftedBy;
    this.draftedAt = Instant.now();
  }

  /**
   * Activates the version in hand once every party's council-signed approval of it arrived (the
   * caller checked the signatures); a suspended or retired agreement stays stopped.
   */
  public boolean activate(String by) {
    if (status != AgreementStatus.DRAFT) {
      return false;
    }
    parties.forEach(party -> party.approve(by));
    status = AgreementStatus.ACTIVE;
    return true;
  }

  /**
   * Drafts a newer version (its canonical terms, checked and numbered by the caller): it waits
   * beside the version in hand, which the broker keeps routing under, until every party approved
   * it. A newer draft replaces one still waiting.
   */
  public void proposeVersion(String terms, String by) {
    pendingTerms = terms;
    pendingDraftedBy = by;
    pendingDraftedAt = Instant.now();
  }

  public Optional<String> pendingTerms() {
    return Optional.ofNullable(pendingTerms);
  }

  public Optional<String> pendingDraftedBy() {
    return Optional.ofNullable(pendingDraftedBy);
  }

  /**
   * Puts the waiting version in force in place of the one in hand, once every party's
   * council-signed approval of it arrived (the caller checked the signatures): the broker routes
   * under the new terms from now on. A suspended or retired agreement stays stopped.
   */
  public boolean renew(
      int termsVersion,
      String title,
      String legalBasis,
      Set<String> councils,
      Set<String> purposes,
      Set<String> services,
      LocalDate validFrom,
      LocalDate validUntil,
      boolean safeguardingAllowed,
      String by) {
    if (status == AgreementStatus.SUSPENDED || status == AgreementStatus.RETIRED) {
      return false;
    }
    this.termsVersion = termsVersion;
    this.title = title;
    this.legalBasis = legalBasis;
    this.parties.clear();
    new TreeSet<>(councils).forEach(council -> parties.add(new Party(council)));
    this.purposes = new TreeSet<>(purposes);
    this.services = new TreeSet<>(services);
    this.validFrom = validFrom;
    this.validUntil = validUntil;
    this.safeguardingAllowed = safeguardingAllowed;
    if (pendingDraftedBy != null) {
      this.draftedBy = pendingDraftedBy;
    }
    this.pendingTerms = null;
    this.pendingDraftedBy = null;
    this.pendingDraftedAt = null;
    this.status = AgreementStatus.DRAFT;
    return activate(by);
  }

  /** Stops routing under it for good; a version still waiting is dropped. */
  public void retire(String by) {
    if (status == AgreementStatus.RETIRED) {
      return;
    }
    status = AgreementStatus.RETIRED;
    retiredBy = by;
    retiredAt = Instant.now();
    pendingTerms = null;
    pendingDraftedBy = null;
    pendingDraftedAt = null;
  }

  /** Whether the broker stopped it (suspension or retirement): nodes see it as suspended. */
  public boolean isStopped() {
    return status == AgreementStatus.SUSPENDED || status == AgreementStatus.RETIRED;
  }

  /** Keeps a council's signed decision, checked by the caller against these terms. */
  public void keepDecision(String statement) {
    decisions.add(statement);
  }

  public List<String> decisions() {
    return List.copyOf(decisions);
  }

  public int termsVersion() {
    return termsVersion;
  }

  public boolean safeguardingAllowed() {
    return safeguardingAllowed;
  }

  public void suspend(String by) {
    if (status == AgreementStatus.SUSPENDED || status == AgreementStatus.RETIRED) {
      return;
    }
    status = AgreementStatus.SUSPENDED;
    suspendedBy = by;
    suspendedAt = Instant.now();
  }

  /** Whether queries may flow under it today. */
  public boolean isInForceOn(LocalDate day) {
    return status == AgreementStatus.ACTIVE && !day.isBefore(validFrom) && !day.isAfter(validUntil);
  }

  /** Whether {@code requester} may ask {@code target} for {@code purpose} under it on that day. */
  public boolean covers(String requester, String target, String purpose, LocalDate day) {
    return isInForceOn(day)
        && !requester.equals(target)
        && binds(requester)
        && binds(target)
        && purposes.contains(purpose);
  }

  public boolean binds(String council) {
    return party(council).isPresent();
  }

  private Optional<Party> party(String council) {
    return parties.stream().filter(p -> p.councilId().equals(council)).findFirst();
  }

  public UUID id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String legalBasis() {
    return legalBasis;
  }

  public LocalDate validFrom() {
    return validFrom;
  }

  public LocalDate validUntil() {
    return validUntil;
  }

  public AgreementStatus status() {
    return status;
  }

  public String draftedBy() {
    return draftedBy;
  }

  public List<Party> parties() {
    return List.copyOf(parties);
  }

  public Set<String> purposes() {
    return Set.copyOf(purposes);
  }

  public Set<String> services() {
    return Set.copyOf(services);
  }

  public Optional<String> suspendedBy() {
    return Optional.ofNullable(suspendedBy);
  }
}
