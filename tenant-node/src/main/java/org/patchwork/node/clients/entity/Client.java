package org.patchwork.node.clients.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A client of this council: identity to confirm, nothing about their circumstances. */
@Entity
@Table(name = "client")
@NamedQuery(
    name = Client.BY_COUNCIL_REF,
    query = "select c from Client c where c.councilRef = :councilRef")
public class Client {

  public static final String BY_COUNCIL_REF = "Client.byCouncilRef";

  @Id private UUID id;

  @Column(name = "council_ref", unique = true)
  private String councilRef;

  @Column(name = "given_names", nullable = false)
  private String givenNames;

  @Column(name = "family_name", nullable = false)
  private String familyName;

  @ElementCollection
  @CollectionTable(name = "client_other_name", joinColumns = @JoinColumn(name = "client_id"))
  @Column(name = "name")
  private List<String> otherNames = new ArrayList<>();

  /** Null when only the year of birth is known. */
  @Column(name = "birth_date")
  private LocalDate birthDate;

  @Column(name = "birth_year", nullable = false)
  private int birthYear;

  private String address;

  private String suburb;

  private String postcode;

  @ElementCollection
  @CollectionTable(name = "client_match_key", joinColumns = @JoinColumn(name = "client_id"))
  private Set<IndexedMatchKey> matchKeys = new HashSet<>();

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected Client() {}

  public Client(
      String councilRef,
      String givenNames,
      String familyName,
      List<String> otherNames,
      LocalDate birthDate,
      int birthYear) {
    this.id = UUID.randomUUID();
    this.councilRef = councilRef;
    this.givenNames = givenNames;
    this.familyName = familyName;
    this.otherNames = new ArrayList<>(otherNames);
    this.birthDate = birthDate;
    this.birthYear = birthDate == null ? birthYear : birthDate.getYear();
    this.createdAt = Instant.now();
  }

  public void livesAt(String address, String suburb, String postcode) {
    this.address = address;
    this.suburb = suburb;
    this.postcode = postcode;
  }

  /** Replaces the search index after the identity changed. */
  public void indexAs(Set<IndexedMatchKey> keys) {
    matchKeys.clear();
    matchKeys.addAll(keys);
  }

  public UUID id() {
    return id;
  }

  public Optional<String> councilRef() {
    return Optional.ofNullable(councilRef);
  }

  public String givenNames() {
    return givenNames;
  }

  public String familyName() {
    return familyName;
  }

  public List<String> otherNames() {
    return List.copyOf(otherNames);
  }

  public Optional<LocalDate> birthDate() {
    return Optional.ofNullable(birthDate);
  }

  public int birthYear() {
    return birthYear;
  }

  public Optional<String> address() {
    return Optional.ofNullable(address);
  }

  public Optional<String> suburb() {
    return Optional.ofNullable(suburb);
  }

  public Optional<String> postcode() {
    return Optional.ofNullable(postcode);
  }

  public Set<IndexedMatchKey> matchKeys() {
    return Set.copyOf(matchKeys);
  }

  public Instant createdAt() {
    return createdAt;
  }
}
