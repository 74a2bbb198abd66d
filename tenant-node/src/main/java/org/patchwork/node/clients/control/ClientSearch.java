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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.patchwork.node.database.control.SchemaMigration;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.Grade;
import org.patchwork.protocol.matching.MatchAgreement;
import org.patchwork.protocol.matching.MatchKeyKind;
import org.patchwork.protocol.matching.PersonIdentity;

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
          + " k.client_id where k.key_hash = any(?) group by c.id limit "
          + MAX_CANDIDATES;

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
    boolean queryComplete = queryHasCompleteBirthDate;
    List<Found> found = new ArrayList<>();
    if (hashes.length == 0) {
      return found;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(CANDIDATES)) {
      Array array = connection.createArrayOf("bytea", hashes);
      statement.setArray(1, array);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Date birthDate = rows.getDate(4);
          Set<MatchKeyKind> kinds = kinds((String[]) rows.getArray(7).getArray());
          Optional<Grade> grade =
              new MatchAgreement(kinds, queryComplete && birthDate != null).grade();
          if (grade.isPresent()) {
            found.add(
                new Found(
                    rows.getObject(1, UUID.class),
                    grade.get(),
                    rows.getString(2),
                    rows.getString(3),
                    birthDate == null ? null : birthDate.toLocalDate(),
                    rows.getInt(5),
                    rows.getString(6)));
          }
        }
      }
      array.free();
    } catch (SQLException e) {
      throw new IllegalStateException("Searching the client index failed", e);
    }
    return found.stream()
        .sorted(
            Comparator.comparing(Found::grade)
                .thenComparing(f -> f.familyName().toLowerCase(Locale.ROOT))
                .thenComparing(f -> f.givenNames().toLowerCase(Locale.ROOT))
                .thenComparing(Found::id))
        .limit(MAX_RESULTS)
        .toList();
  }

  private static Set<MatchKeyKind> kinds(String[] names) {
    Set<MatchKeyKind> kinds = EnumSet.noneOf(MatchKeyKind.class);
    for (String name : names) {
      kinds.add(MatchKeyKind.valueOf(name));
    }
    return kinds;
  }
}
