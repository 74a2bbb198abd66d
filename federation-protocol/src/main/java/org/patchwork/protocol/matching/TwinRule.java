package org.patchwork.protocol.matching;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;

/**
 * Grades the candidates one council found for one query, knowing what only the council sees: which
 * of them share a family name and a whole date of birth. Two such clients are usually twins, and
 * twins' given names often differ as a typo would (Jayden and Jaylen): when a council holds both, a
 * candidate whose only strong evidence is a given-name typo ({@link
 * MatchKeyKind#GIVEN_TYPO_BIRTH_DATE}) is graded possible, never probable; and when the query names
 * one of them exactly (certain), the others are not reported as possible matches at all.
 */
public final class TwinRule {

  private TwinRule() {}

  /**
   * @param candidates what the council's index found, each with the kinds it agreed on
   * @return the candidates with a grade, in the order given; those with none are left out
   */
  public static <T> Map<T, Grade> grade(
      List<T> candidates,
      Function<T, MatchAgreement> agreement,
      Function<T, String> familyName,
      Function<T, LocalDate> birthDate) {
    return grade(candidates, agreement, familyName, birthDate, (family, date) -> 0);
  }

  /**
   * As {@link #grade(List, Function, Function, Function)}, knowing also how many clients the
   * council holds under a family name and birth date: a twin the query's tokens did not find (a
   * typo of William need not share a key with Wilma) still makes a given-name typo only possible.
   *
   * @param clientsSharing how many of the council's clients have this family name and birth date
   */
  public static <T> Map<T, Grade> grade(
      List<T> candidates,
      Function<T, MatchAgreement> agreement,
      Function<T, String> familyName,
      Function<T, LocalDate> birthDate,
      ToIntBiFunction<String, LocalDate> clientsSharing) {
    Map<String, Integer> households = new HashMap<>();
    for (T candidate : candidates) {
      LocalDate date = birthDate.apply(candidate);
      if (date != null) {
        households.merge(key(familyName.apply(candidate), date), 1, Integer::sum);
      }
    }
    for (T candidate : candidates) {
      LocalDate date = birthDate.apply(candidate);
      if (date != null) {
        int known = clientsSharing.applyAsInt(familyName.apply(candidate), date);
        households.merge(key(familyName.apply(candidate), date), known, Math::max);
      }
    }
    Set<String> namedExactly = new HashSet<>();
    for (T candidate : candidates) {
      LocalDate date = birthDate.apply(candidate);
      if (date != null && agreement.apply(candidate).grade().orElse(null) == Grade.CERTAIN) {
        namedExactly.add(key(familyName.apply(candidate), date));
      }
    }
    Map<T, Grade> graded = new LinkedHashMap<>();
    for (T candidate : candidates) {
      LocalDate date = birthDate.apply(candidate);
      String household = date == null ? null : key(familyName.apply(candidate), date);
      boolean twinHere = household != null && households.get(household) > 1;
      MatchAgreement agreed = agreement.apply(candidate);
      Optional<Grade> grade = twinHere ? besideTwin(agreed) : agreed.grade();
      // The query names one twin exactly: the other is a different child, not a weaker match.
      if (twinHere && namedExactly.contains(household) && grade.orElse(null) == Grade.POSSIBLE) {
        continue;
      }
      grade.ifPresent(g -> graded.put(candidate, g));
    }
    return graded;
  }

  /** The grade without given-name typo evidence, which then supports only possible. */
  static Optional<Grade> besideTwin(MatchAgreement agreed) {
    if (!agreed.kinds().contains(MatchKeyKind.GIVEN_TYPO_BIRTH_DATE)) {
      return agreed.grade();
    }
    Set<MatchKeyKind> others = EnumSet.noneOf(MatchKeyKind.class);
    others.addAll(agreed.kinds());
    others.remove(MatchKeyKind.GIVEN_TYPO_BIRTH_DATE);
    others.add(MatchKeyKind.GIVEN_TYPO_SIMILAR_NAMES_BIRTH_DATE);
    return new MatchAgreement(others, agreed.bothBirthDatesComplete()).grade();
  }

  /** The household a client belongs to: normalised family name and birth date. */
  public static String household(String familyName, LocalDate birthDate) {
    return key(familyName, birthDate);
  }

  private static String key(String familyName, LocalDate birthDate) {
    return NameNormaliser.normalise(familyName) + "|" + birthDate;
  }
}
