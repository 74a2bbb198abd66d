package org.patchwork.broker.nodes.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A council's node as the federation knows it. */
@Entity
@Table(name = "node")
@NamedQuery(name = Node.ALL, query = "select n from Node n order by n.councilId")
public class Node {

  public static final String ALL = "Node.all";

  @Id
  @Column(name = "council_id")
  private String councilId;

  @Column(nullable = false)
  private String name;

  @Column(name = "base_url", nullable = false)
  private String baseUrl;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private NodeStatus status;

  /** The node's public JWKS (signing and encryption keys), as JSON. */
  @Column(name = "public_keys", nullable = false)
  private String publicKeys;

  @Column(name = "registered_at", nullable = false)
  private Instant registeredAt;

  /** The node's key set as its council key signed it (compact JWS), once the node sent one. */
  @Column(name = "key_set")
  private String keySet;

  /** The council key that signed the first key set; later sets must be signed by the same key. */
  @Column(name = "council_fingerprint")
  private String councilFingerprint;

  @Version private long version;

  protected Node() {}

  public Node(String councilId, String name, String baseUrl, String publicKeys) {
    this.councilId = councilId;
    this.name = name;
    this.baseUrl = baseUrl;
    this.publicKeys = publicKeys;
    this.status = NodeStatus.ACTIVE;
    this.registeredAt = Instant.now();
  }

  /** A node re-registering (moved, or rotated its keys). */
  public void update(String name, String baseUrl, String publicKeys) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.publicKeys = publicKeys;
  }

  /**
   * Keeps a key set signed by the council key that signed the first (trust on first use at the
   * broker, so that an outsider cannot swap a council's set; nodes check it against their pins).
   */
  public boolean acceptKeySet(String statement, String signedBy) {
    if (councilFingerprint != null && !councilFingerprint.equals(signedBy)) {
      return false;
    }
    councilFingerprint = signedBy;
    keySet = statement;
    return true;
  }

  public java.util.Optional<String> keySet() {
    return java.util.Optional.ofNullable(keySet);
  }

  public java.util.Optional<String> councilFingerprint() {
    return java.util.Optional.ofNullable(councilFingerprint);
  }

  public void suspend() {
    status = NodeStatus.SUSPENDED;
  }

  public void reinstate() {
    status = NodeStatus.ACTIVE;
  }

  public boolean isActive() {
    return status == NodeStatus.ACTIVE;
  }

  public String councilId() {
    return councilId;
  }

  public String name() {
    return name;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public NodeStatus status() {
    return status;
  }

  public String publicKeys() {
    return publicKeys;
  }

  public Instant registeredAt() {
    return registeredAt;
  }
}
