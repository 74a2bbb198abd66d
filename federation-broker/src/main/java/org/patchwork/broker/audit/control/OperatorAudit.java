package org.patchwork.broker.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The broker's own tamper-evident audit of what operators did: one row per action, each row's hash
 * covering the one before, so that a row edited or deleted in the database shows as a broken link.
 */
@ApplicationScoped
public class OperatorAudit {

  /** One operator action as recorded. */
  public record Action(
      long seq,
      Instant actedAt,
      String actor,
      String action,
      String subject,
      int httpStatus,
      String previousHash,
      String hash) {}

  /** The chain as checked now: intact, or the first row whose hash or link does not hold. */
  public record Verification(boolean intact, long checked, Long firstBrokenSeq) {}

  static final String GENESIS = "0".repeat(64);

  /** Keeps concurrent actions from both taking the same place in the chain. */
  private static final long CHAIN_LOCK = 13_013L;

  @PersistenceContext EntityManager em;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(String actor, String action, String subject, int httpStatus) {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, CHAIN_LOCK)
        .getSingleResult();
    List<?> last =
        em.createNativeQuery("select seq, hash from operator_action order by seq desc limit 1")
            .getResultList();
    long seq = 1;
    String previous = GENESIS;
    if (!last.isEmpty()) {
      Object[] row = (Object[]) last.get(0);
      seq = ((Number) row[0]).longValue() + 1;
      previous = (String) row[1];
    }
    // Microseconds, as PostgreSQL keeps them, so the hash recomputes from what was stored.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String hash = hashOf(previous, seq, now, actor, action, subject, httpStatus);
    em.createNativeQuery(
            "insert into operator_action (seq, acted_at, actor, action, subject, http_status,"
                + " previous_hash, hash) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .setParameter(1, seq)
        .setParameter(2, Timestamp.from(now))
        .setParameter(3, actor)
        .setParameter(4, action)
        .setParameter(5, subject)
        .setParameter(6, httpStatus)
        .setParameter(7, previous)
        .setParameter(8, hash)
        .executeUpdate();
  }

  /** The newest actions first, optionally only those about one subject. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Action> recent(int limit, Optional<String> subject) {
    var query =
        em.createNativeQuery(
            "select seq, acted_at, actor, action, subject, http_status, previous_hash, hash"
                + " from operator_action"
                + (subject.isPresent() ? " where subject = ?1" : "")
                + " order by seq desc limit "
                + Math.max(1, Math.min(limit, 5000)));
    subject.ifPresent(s -> query.setParameter(1, s));
    List<Action> actions = new ArrayList<>();
    for (Object o : query.getResultList()) {
      actions.add(action((Object[]) o));
    }
    return actions;
  }

  /** Recomputes every hash and link from the first row. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Verification verify() {
    String previous = GENESIS;
    long expected = 1;
    long checked = 0;
    List<?> rows =
        em.createNativeQuery(
                "select seq, acted_at, actor, action, subject, http_status, previous_hash, hash"
                    + " from operator_action order by seq")
            .getResultList();
    for (Object o : rows) {
      Action a = action((Object[]) o);
      String recomputed =
          hashOf(
              a.previousHash(),
              a.seq(),
              a.actedAt(),
              a.actor(),
              a.action(),
              a.subject(),
              a.httpStatus());
      if (a.seq() != expected
          || !a.previousHash().equals(previous)
          || !a.hash().equals(recomputed)) {
        return new Verification(false, checked, a.seq());
      }
      previous = a.hash();
      expected++;
      checked++;
    }
    return new Verification(true, checked, null);
  }

  private static Action action(Object[] row) {
    return new Action(
        ((Number) row[0]).longValue(),
        instant(row[1]),
        (String) row[2],
        (String) row[3],
        (String) row[4],
        ((Number) row[5]).intValue(),
        (String) row[6],
        (String) row[7]);
  }

  static Instant instant(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    throw new IllegalStateException("Not a timestamp: " + value);
  }

  /** The row's hash: every field, each length-prefixed so that no two rows can be confused. */
  static String hashOf(
      String previous,
      long seq,
      Instant at,
      String actor,
      String action,
      String subject,
      int status) {
    StringBuilder text = new StringBuilder();
    for (String part :
        new String[] {
          previous, Long.toString(seq), at.toString(), actor, action, subject, "" + status
        }) {
      String value = part == null ? "" : part;
      text.append(value.length()).append(':').append(value).append('|');
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
