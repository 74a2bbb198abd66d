package org.patchwork.node.breakglass.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.practitioners.entity.Practitioner;

/** One use of break-glass: who looked at which client's team, when and why. */
@Entity
@Table(name = "break_glass")
@NamedQuery(
    name = BreakGlass.LATEST_OF,
    query =
        "select b from BreakGlass b where b.client = :client and b.practitioner = :practitioner"
            + " and b.usedAt > :since order by b.usedAt desc")
public class BreakGlass {

  public static final String LATEST_OF = "BreakGlass.latestOf";

  /** Long enough for a shift's safeguarding work, short enough not to become membership. */
  public static final Duration WINDOW = Duration.ofHours(24);

  @Id private UUID id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "client_id")
  private Client client;

  @ManyToOne(optional = false)
  @JoinColumn(name = "practitioner_id")
  private Practitioner practitioner;

  @Column(nullable = false)
  private String reason;

  @Column(name = "used_at", nullable = false)
  private Instant usedAt;

  protected BreakGlass() {}

  public BreakGlass(Client client, Practitioner practitioner, String reason) {
    this.id = UUID.randomUUID();
    this.client = client;
    this.practitioner = practitioner;
    this.reason = reason;
    this.usedAt = Instant.now();
  }

  public Instant visibleUntil() {
    return usedAt.plus(WINDOW);
  }

  public UUID id() {
    return id;
  }

  public Client client() {
    return client;
  }

  public Practitioner practitioner() {
    return practitioner;
  }

  public String reason() {
    return reason;
  }

  public Instant usedAt() {
    return usedAt;
  }
}
