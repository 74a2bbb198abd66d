package org.patchwork.node.practitioners.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.patchwork.node.teams.entity.Team;

/** A practitioner of this council, linked to their Keycloak subject once they first sign in. */
@Entity
@Table(name = "practitioner")
@NamedQuery(
    name = Practitioner.BY_SUBJECT,
    query = "select p from Practitioner p where p.keycloakSubject = :subject")
@NamedQuery(
    name = Practitioner.BY_EMAIL,
    query = "select p from Practitioner p where lower(p.email) = lower(:email)")
@NamedQuery(name = Practitioner.ALL, query = "select p from Practitioner p order by p.familyName")
@NamedQuery(
    name = Practitioner.STATUS_OF_LINKED,
    query = "select p.status from Practitioner p where p.id = :id and p.keycloakSubject = :subject")
@NamedQuery(
    name = Practitioner.GATEKEEPERS_OF,
    query =
        "select p from Practitioner p join p.gatekeeperOf t where t = :team"
            + " order by p.familyName, p.givenName")
public class Practitioner {

  public static final String BY_SUBJECT = "Practitioner.bySubject";
  public static final String BY_EMAIL = "Practitioner.byEmail";
  public static final String ALL = "Practitioner.all";
  public static final String STATUS_OF_LINKED = "Practitioner.statusOfLinked";
  public static final String GATEKEEPERS_OF = "Practitioner.gatekeepersOf";

  @Id private UUID id;

  @Column(name = "keycloak_subject", unique = true)
  private String keycloakSubject;

  @Column(nullable = false, unique = true)
  private String email;

  @Column(name = "given_name")
  private String givenName;

  @Column(name = "family_name")
  private String familyName;

  @Column(name = "job_role")
  private String jobRole;

  @ManyToOne
  @JoinColumn(name = "team_id")
  private Team team;

  /** The teams whose contact requests this practitioner answers as their duty worker. */
  @ManyToMany
  @JoinTable(
      name = "team_gatekeeper",
      joinColumns = @JoinColumn(name = "practitioner_id"),
      inverseJoinColumns = @JoinColumn(name = "team_id"))
  private Set<Team> gatekeeperOf = new HashSet<>();

  private String phone;

  @Column(name = "direct_contact", nullable = false)
  private boolean directContact;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private PractitionerStatus status;

  @Column(name = "status_changed_by")
  private String statusChangedBy;

  @Column(name = "status_changed_at")
  private Instant statusChangedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected Practitioner() {}

  /** Someone known only by e-mail so far, e.g. named in an imported caseload. */
  public static Practitioner invited(String email, Team team) {
    Practitioner practitioner = new Practitioner();
    practitioner.id = UUID.randomUUID();
    practitioner.email = email;
    practitioner.team = team;
    practitioner.status = PractitionerStatus.PENDING;
    practitioner.createdAt = Instant.now();
    return practitioner;
  }

  /** Links the account on first sign-in and refreshes the name Keycloak holds. */
  public void signedIn(String subject, String givenName, String familyName) {
    this.keycloakSubject = subject;
    this.givenName = givenName;
    this.familyName = familyName;
  }

  /** A council admin frees the record for the next sign-in with its verified e-mail address. */
  public void unlink() {
    this.keycloakSubject = null;
  }

  public void approve(String by) {
    changeStatus(PractitionerStatus.APPROVED, by);
  }

  public void suspend(String by) {
    changeStatus(PractitionerStatus.SUSPENDED, by);
  }

  private void changeStatus(PractitionerStatus next, String by) {
    this.status = next;
    this.statusChangedBy = by;
    this.statusChangedAt = Instant.now();
  }

  public void describe(String jobRole, String phone, boolean directContact) {
    this.jobRole = jobRole;
    this.phone = phone;
    this.directContact = directContact;
  }

  public void joinTeam(Team team) {
    this.team = team;
  }

  public UUID id() {
    return id;
  }

  public String email() {
    return email;
  }

  public Optional<String> keycloakSubject() {
    return Optional.ofNullable(keycloakSubject);
  }

  public String displayName() {
    if (givenName == null && familyName == null) {
      return email;
    }
    return (Objects.toString(givenName, "") + " " + Objects.toString(familyName, "")).trim();
  }

  public Optional<String> jobRole() {
    return Optional.ofNullable(jobRole);
  }

  public Optional<Team> team() {
    return Optional.ofNullable(team);
  }

  public Optional<String> phone() {
    return Optional.ofNullable(phone);
  }

  public boolean mayBeContactedDirectly() {
    return directContact;
  }

  public PractitionerStatus status() {
    return status;
  }

  public boolean isApproved() {
    return status == PractitionerStatus.APPROVED;
  }

  /** Whether this practitioner answers the team's contact requests. */
  public boolean isGatekeeperOf(Team team) {
    return gatekeeperOf.stream().anyMatch(t -> t.id().equals(team.id()));
  }

  public void becomeGatekeeperOf(Team team) {
    if (!isGatekeeperOf(team)) {
      gatekeeperOf.add(team);
    }
  }

  public void stopBeingGatekeeperOf(Team team) {
    gatekeeperOf.removeIf(t -> t.id().equals(team.id()));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Practitioner that && id.equals(that.id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
