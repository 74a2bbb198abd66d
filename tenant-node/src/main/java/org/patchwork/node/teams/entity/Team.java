package org.patchwork.node.teams.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A team or service, with the contact route it chose to publish. */
@Entity
@Table(name = "team")
@NamedQuery(name = Team.BY_NAME, query = "select t from Team t where lower(t.name) = lower(:name)")
@NamedQuery(name = Team.ALL, query = "select t from Team t order by t.name")
public class Team {

  public static final String BY_NAME = "Team.byName";
  public static final String ALL = "Team.all";

  @Id private UUID id;

  @Column(nullable = false, unique = true)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Service service;

  @Column(name = "contact_route")
  private String contactRoute;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Sensitivity sensitivity;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected Team() {}

  public Team(String name, Service service, Sensitivity sensitivity) {
    this.id = UUID.randomUUID();
    this.name = name;
    this.service = service;
    this.sensitivity = sensitivity;
    this.createdAt = Instant.now();
  }

  public UUID id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Service service() {
    return service;
  }

  public Sensitivity sensitivity() {
    return sensitivity;
  }

  public boolean isRestricted() {
    return sensitivity == Sensitivity.RESTRICTED;
  }

  public Optional<String> contactRoute() {
    return Optional.ofNullable(contactRoute);
  }

  public void publishContactRoute(String route) {
    this.contactRoute = route;
  }

  public void restrict() {
    this.sensitivity = Sensitivity.RESTRICTED;
  }

  public void unrestrict() {
    this.sensitivity = Sensitivity.STANDARD;
  }
}
