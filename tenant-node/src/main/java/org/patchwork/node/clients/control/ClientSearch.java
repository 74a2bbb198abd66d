package org.patchwork.node.clients.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.patchwork.node.database.control.SchemaMigration;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.Grade;
import org.patchwork.protocol.matching.MatchAgreement;
import org.patchwork.protocol.matching.MatchKeyKind;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.protocol.matching.TwinRule;

/**
 * Finds this council's clients who may be the person described, graded as the federation grades
 * them. One indexed query: the key hashes the query and a client share are exactly the kinds on
 * which they agree, so the candidates' other keys never need to be read.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ClientSearch {

  /** More than a practitioner can check; a longer list means the query needs more detail. */
  public static final int MAX_RESULTS = 50;

  /**
   * Guards the grading work against a pathological key (a very common name with only a year):
   * candidates beyond this many are not read.
   */
  private static final int MAX_CANDIDATES = 5_000;

  private static final String CANDIDATES =
      "select c.id, c.given_names, c.family_name, c.birth_date, c.birth_year, c.suburb,"
          + " array_agg(distinct k.kind) from client_match_key k join client c on c.id ="
          + " k.client_id where k.key_hash = any(?) and k.kind = any(?) group by c.id limit "
          + MAX_CANDIDATES;

  /** Everyone born on the candidates' days: twins the query's own keys did not find. */
  private static final String BORN_ON =
      "select family_name, birth_date from client where birth_date = any(?)";

  /** Every kind: a search here, or a federated query under the safeguarding exception. */
  private static final Set<MatchKeyKind> ALL_KINDS = EnumSet.allOf(MatchKeyKind.class);

  /** A client who may be the person searched for, with only what confirms identity. */
  public record Found(
      UUID id,
      Grade grade,
      String givenNames,
      String familyName,
      LocalDate birthDate,
      int birthYear,
      String suburb) {}

  @Resource(lookup = SchemaMigration.DATA_SOURCE)
  DataSource dataSource;

  @Inject ClientIndex index;

  /** A practitioner's search here: the query's match keys, hashed as the index holds them. */
  public List<Found> search(PersonIdentity query) {
    return searchByHashes(index.hashesOf(query), query.dateOfBirth() instanceof BirthDate.Complete);
  }

  /**
   * Searches by index hashes alone, as a federated query arrives: each hash is the raw bytes of a
   * {@link org.patchwork.protocol.matching.MatchToken} under the federation matching key ({@link
   * org.patchwork.protocol.matching.MatchToken#digest()}). Tokens made under another key id match
   * nothing, so the caller should refuse them rather than answer "no match".
   *
   * @param hashes the query's hashes, any number and order; hashes of other lengths match nothing
   * @param queryHasCompleteBirthDate whether the query knew the whole date of birth (not only the
   *     year): a certain grade needs it on both sides
   * @return at most {@link #MAX_RESULTS}, best grade first
   */
  public List<Found> searchByHashes(byte[][] hashes, boolean queryHasCompleteBirthDate) {
    return searchByHashes(hashes, queryHasCompleteBirthDate, ALL_KINDS);
  }

  /**
   * As {@link #searchByHashes(byte[][], boolean)}, agreeing only on the kinds given: a federated
   * query under consent may not be answered through a kind only safeguarding may use, whatever kind
   * its tokens claim to be.
   */
  public List<Found> searchByHashes(
      byte[][] hashes, boolean queryHasCompleteBirthDate, Set<MatchKeyKind> allowedKinds) {
    boolean queryComplete = queryHasCompleteBirthDate;
    if (hashes.length == 0 || allowedKinds.isEmpty()) {
      return List.of();
    }
    List<Candidate> candidates = new ArrayList<>();
    Map<String, Integer> households;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(CANDIDATES)) {
      Array array = connection.createArrayOf("bytea", hashes);
      Array kinds =
          connection.createArrayOf(
              "varchar", allowedKinds.stream().map(MatchKeyKind::name).toArray());
      statement.setArray(1, array);
      statement.setArray(2, kinds);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Date birthDate = rows.getDate(4);
          candidates.add(
              new Candidate(
                  new Found(
                      rows.getObject(1, UUID.class),
                      null,
                      rows.getString(2),
                      rows.getString(3),
                      birthDate == null ? null : birthDate.toLocalDate(),
                      rows.getInt(5),
                      rows.getString(6)),
                  new MatchAgreement(
                      kinds((String[]) rows.getArray(7).getArray()),
                      queryComplete && birthDate != null)));
        }
      }
      kinds.free();
      array.free();
      households = householdsOf(connection, candidates);
    } catch (SQLException e) {
      throw new IllegalStateException("Searching the client index failed", e);
    }
    // Twins at this council are told apart here, where their names and birthdays are known.
    List<Found> found = new ArrayList<>();
    TwinRule.grade(
            candidates,
            Candidate::agreement,
            c -> c.found().familyName(),
            c -> c.found().birthDate(),
            (family, date) -> households.getOrDefault(TwinRule.household(family, date), 0))
        .forEach(
            (c, grade) -> {
              Found f = c.found();
              found.add(
                  new Found(
                      f.id(),
                      grade,
                      f.givenNames(),
                      f.familyName(),
                      f.birthDate(),
                      f.birthYear(),
                      f.suburb()));
            });
    return found.stream()
        .sorted(
            Comparator.comparing(Found::grade)
                .thenComparing(f -> f.familyName().toLowerCase(Locale.ROOT))
                .thenComparing(f -> f.givenNames().toLowerCase(Locale.ROOT))
                .thenComparing(Found::id))
        .limit(MAX_RESULTS)
        .toList();
  }

  /**
   * How many of this council's clients share each household (family name and birth date) of the
   * candidates that agreed only through a given-name typo; only those grades depend on it.
   */
  private static Map<String, Integer> householdsOf(
      Connection connection, List<Candidate> candidates) throws SQLException {
    Object[] days =
        candidates.stream()
            .filter(c -> c.agreement().kinds().contains(MatchKeyKind.GIVEN_TYPO_BIRTH_DATE))
            .map(c -> c.found().birthDate())
            .filter(java.util.Objects::nonNull)
            .distinct()
            .map(Date::valueOf)
            .toArray();
    Map<String, Integer> households = new HashMap<>();
    if (days.length == 0) {
      return households;
    }
    try (PreparedStatement statement = connection.prepareStatement(BORN_ON)) {
      Array array = connection.createArrayOf("date", days);
      statement.setArray(1, array);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          households.merge(
              TwinRule.household(rows.getString(1), rows.getDate(2).toLocalDate()),
              1,
              Integer::sum);
        }
      }
      array.free();
    }
    return households;
  }

  /** A client the index found, with the kinds of key they share with the query. */
  private record Candidate(Found found, MatchAgreement agreement) {}

  private static Set<MatchKeyKind> kinds(String[] names) {
    Set<MatchKeyKind> kinds = EnumSet.noneOf(MatchKeyKind.class);
    for (String name : names) {
      try {
        kinds.add(MatchKeyKind.valueOf(name));
      } catch (IllegalArgumentException e) {
        // A kind an older protocol version wrote, until ClientIndexRebuild replaces it.
      }
    }
    return kinds;
  }
}
