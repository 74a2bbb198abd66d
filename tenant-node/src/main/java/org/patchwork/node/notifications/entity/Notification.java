package org.patchwork.node.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.practitioners.entity.Practitioner;

/**
 * One message to one practitioner. The text is composed by the node, never typed by a person, so it
 * cannot carry free text about a client.
 */
@Entity
@Table(name = "notification")
@NamedQuery(
    name = Notification.OF_RECIPIENT,
    query =
        "select n from Notification n where n.recipient = :recipient order by n.createdAt desc,"
            + " n.id")
@NamedQuery(
    name = Notification.UNREAD_OF_RECIPIENT,
    query = "select n from Notification n where n.recipient = :recipient and n.readAt is null")
public class Notification {

  public static final String OF_RECIPIENT = "Notification.ofRecipient";
  public static final String UNREAD_OF_RECIPIENT = "Notification.unreadOfRecipient";

  @Id private UUID id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "recipient_id")
  private Practitioner recipient;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private NotificationKind kind;

  /** The client it is about, so the practitioner can open their team. Never null (see below). */
  @Column(name = "client_id")
  private UUID clientId;

  /**
   * What it refers to, e.g. a contact request. Text, not uuid: EclipseLink's UUID converter fails
   * on reading a null (NullPointerException in UUIDConverter), and this one is often null.
   */
  @Column(name = "subject_id")
  private String subjectId;

  @Column(nullable = false)
  private String message;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "read_at")
  private Instant readAt;

  protected Notification() {}

  public Notification(
      Practitioner recipient,
      NotificationKind kind,
      UUID clientId,
      UUID subjectId,
      String message) {
    this.id = UUID.randomUUID();
    this.recipient = recipient;
    this.kind = kind;
    this.clientId = clientId; // null when it is about no client of ours (an answer from elsewhere)
    this.subjectId = subjectId == null ? null : subjectId.toString();
    this.message = message;
    this.createdAt = Instant.now();
  }

  public void markRead() {
    if (readAt == null) {
      readAt = Instant.now();
    }
  }

  public boolean isFor(Practitioner someone) {
    return recipient.equals(someone);
  }

  public UUID id() {
    return id;
  }

  public NotificationKind kind() {
    return kind;
  }

  public Optional<UUID> clientId() {
    return Optional.ofNullable(clientId);
  }

  public Optional<UUID> subjectId() {
    return Optional.ofNullable(subjectId).map(UUID::fromString);
  }

  public String message() {
    return message;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Instant> readAt() {
    return Optional.ofNullable(readAt);
  }
}
