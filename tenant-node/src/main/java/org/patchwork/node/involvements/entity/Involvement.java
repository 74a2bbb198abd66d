package org.patchwork.node.involvements.entity;

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
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Team;

/** A practitioner's or team's involvement with a client. */
@Entity
@Table(name = "involvement")
@NamedQuery(
    name = Involvement.OF_CLIENT,
    query =
        "select i from Involvement i join fetch i.team left join fetch i.practitioner where"
            + " i.client = :client order by i.startedOn")
@NamedQuery(
    name = Involvement.ACTIVE_OF_CLIENT,
    query =
        "select i from Involvement i join fetch i.team left join fetch i.practitioner where"
            + " i.client = :client and i.endedOn is null order by i.startedOn")
@NamedQuery(
    name = Involvement.ACTIVE_OF_PRACTITIONER,
    query =
        "select i from Involvement i join fetch i.client join fetch i.team where i.practitioner"
            + " = :practitioner and i.endedOn is null order by i.lastActivityAt desc, i.id")
@NamedQuery(
    name = Involvement.ACTIVE_COUNT_OF_PRACTITIONER,
    query =
        "select count(i) from Involvement i where i.practitioner = :practitioner"
            + " and i.endedOn is null")
@NamedQuery(
    name = Involvement.BY_HANDLE,
    query = "select i from Involvement i where i.handle = :handle")
@NamedQuery(
    name = Involvement.INACTIVE_SINCE,
    query = "select i from Involvement i where i.endedOn is null and i.lastActivityAt < :cutoff")
public class Involvement {

  public static final String OF_CLIENT = "Involvement.ofClient";
  public static final String ACTIVE_OF_CLIENT = "Involvement.activeOfClient";
  public static final String ACTIVE_OF_PRACTITIONER = "Involvement.activeOfPractitioner";
  public static final String ACTIVE_COUNT_OF_PRACTITIONER = "Involvement.activeCountOfPractitioner";
  public static final String INACTIVE_SINCE = "Involvement.inactiveSince";
  public static final String BY_HANDLE = "Involvement.byHandle";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Id private UUID id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "client_id")
  private Client client;

  @ManyToOne(optional = false)
  @JoinColumn(name = "team_id")
  private Team team;

  @ManyToOne
  @JoinColumn(name = "practitioner_id")
  private Practitioner practitioner;

  /**
   * What others may hold instead of the id: random, so it says nothing about the client, team or
   * council, and can later travel to another council without exposing this node's keys.
   */
  @Column(nullable = false, unique = true)
  private String handle;

  @Column(nullable = false)
  private String role;

  @Column(name = "started_on", nullable = false)
  private LocalDate startedOn;

  @Column(name = "ended_on")
  private LocalDate endedOn;

  @Enumerated(EnumType.STRING)
  @Column(name = "end_reason")
  private EndReason endReason;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Sensitivity sensitivity;

  @Column(name = "last_activity_at", nullable = false)
  private Instant lastActivityAt;

  @Version private long version;

  protected Involvement() {}

  /**
   * A restricted team's involvements are always restricted, whatever the caller asked for: the
   * team's sensitivity is the floor.
   */
  public Involvement(
      Client client,
      Team team,
      Practitioner practitioner,
      String role,
      LocalDate startedOn,
      Sensitivity requested) {
    this.id = UUID.randomUUID();
    this.handle = newHandle();
    this.client = client;
    this.team = team;
    this.practitioner = practitioner;
    this.role = role;
    this.startedOn = startedOn;
    this.sensitivity = sensitivityIn(team.isRestricted(), requested);
    this.lastActivityAt = Instant.now();
  }

  /** A fresh handle: 192 random bits, for writers that insert involvements in bulk. */
  public static String newHandle() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The sensitivity an involvement gets in a team: a restricted team's are always restricted. */
  public static Sensitivity sensitivityIn(boolean teamRestricted, Sensitivity requested) {
    return teamRestricted ? Sensitivity.RESTRICTED : requested;
  }

  public void end(LocalDate on, EndReason reason) {
    if (endedOn != null) {
      return;
    }
    this.endedOn = on;
    this.endReason = reason;
  }

  public void touch() {
    this.lastActivityAt = Instant.now();
  }

  public boolean isActive() {
    return endedOn == null;
  }

  /** Also when its team became restricted after it was recorded: shielding applies at once. */
  public boolean isRestricted() {
    return sensitivity == Sensitivity.RESTRICTED || team.isRestricted();
  }

  public boolean involves(Practitioner someone) {
    return practitioner != null && practitioner.equals(someone);
  }

  public UUID id() {
    return id;
  }

  public String handle() {
    return handle;
  }

  public Client client() {
    return client;
  }

  public Team team() {
    return team;
  }

  public Optional<Practitioner> practitioner() {
    return Optional.ofNullable(practitioner);
  }

  public String role() {
    return role;
  }

  public LocalDate startedOn() {
    return startedOn;
  }

  public Optional<LocalDate> endedOn() {
    return Optional.ofNullable(endedOn);
  }

  public Optional<EndReason> endReason() {
    return Optional.ofNullable(endReason);
  }

  public Sensitivity sensitivity() {
    return sensitivity;
  }

  public Instant lastActivityAt() {
    return lastActivityAt;
  }
}
