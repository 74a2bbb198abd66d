package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many questions this council asked other councils and answered for them, per week, purpose and
 * legal basis: read from this node's own audit records (one per question asked, one per question
 * answered), never from anything about a client.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class QuestionCounts {

  /** One week's count for a purpose and basis; {@code week} is the Monday it starts. */
  public record Week(LocalDate week, String purpose, String basis, long asked, long answered) {}

  /** What {@code QueryLedger.asked} writes: {@code youth-services (consent)}. */
  private static final Pattern ASKED = Pattern.compile("([a-z0-9-]+) \\(([a-z_-]+)\\)");

  /**
   * What {@code InvolvementDisclosure} writes: {@code federated youth-services (consent) query from
   * yarra: match}; records from before the basis was written lack it.
   */
  private static final Pattern ANSWERED =
      Pattern.compile("federated ([a-z0-9-]+)(?: \\(([a-z_-]+)\\))? query from .*");

  @PersistenceContext EntityManager em;

  /** The last {@code weeks} weeks, newest first, then by purpose and basis. */
  public List<Week> lastWeeks(int weeks) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select cast(date_trunc('week', recorded_at at time zone 'Australia/Melbourne')"
                    + " as date), action, purpose, count(*) from audit_record"
                    + " where action in ('FEDERATED_QUERY', 'FEDERATED_ANSWER')"
                    + " and subject_type = 'query'"
                    + " and recorded_at > now() - make_interval(weeks => ?1)"
                    + " group by 1, 2, 3")
            .setParameter(1, weeks)
            .getResultList();
    List<Counted> counted = new ArrayList<>();
    for (Object[] row : rows) {
      LocalDate week =
          row[0] instanceof Date date ? date.toLocalDate() : LocalDate.parse(row[0].toString());
      counted.add(
          new Counted(
              week,
              "FEDERATED_QUERY".equals(row[1]),
              (String) row[2],
              ((Number) row[3]).longValue()));
    }
    return tally(counted);
  }

  /** A group of audit records: a week, asked (or answered), their purpose text and how many. */
  record Counted(LocalDate week, boolean asked, String purposeText, long count) {}

  /** Sums the audit groups by week, purpose and basis; texts it cannot read are left out. */
  static List<Week> tally(List<Counted> counted) {
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, Week> keys = new TreeMap<>();
    for (Counted c : counted) {
      Optional<String[]> read = read(c.asked(), c.purposeText());
      if (read.isEmpty()) {
        continue;
      }
      String purpose = read.get()[0];
      String basis = read.get()[1];
      // Newest week first: the key sorts by the days before a far date.
      String key = String.format("%08d|%s|%s", 99_999_999L - c.week().toEpochDay(), purpose, basis);
      keys.putIfAbsent(key, new Week(c.week(), purpose, basis, 0, 0));
      long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
      sum[c.asked() ? 0 : 1] += c.count();
    }
    List<Week> weeks = new ArrayList<>();
    for (Map.Entry<String, Week> entry : keys.entrySet()) {
      long[] sum = sums.get(entry.getKey());
      Week w = entry.getValue();
      weeks.add(new Week(w.week(), w.purpose(), w.basis(), sum[0], sum[1]));
    }
    return weeks;
  }

  private static Optional<String[]> read(boolean asked, String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (asked) {
      Matcher m = ASKED.matcher(text);
      return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }
    int colon = text.lastIndexOf(':');
    Matcher m = ANSWERED.matcher(colon < 0 ? text : text.substring(0, colon));
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new String[] {m.group(1), m.group(2) == null ? "not recorded" : m.group(2)});
  }
}
