package org.patchwork.protocol.matching;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a query and a candidate have in common: the kinds of match key on which they agree, and
 * whether both know the complete date of birth.
 *
 * <p>The second part is needed because agreeing on a year says nothing when both sides know the
 * whole date and the dates differ: two John Smiths born in 1990 on different days are two people.
 * It is read from the kinds each side has, since only an identity with a complete date of birth has
 * keys of the kinds that {@link MatchKeyKind#needsCompleteBirthDate() need one}.
 *
 * @param kinds the kinds of key on which query and candidate agree
 * @param bothBirthDatesComplete whether query and candidate both know the whole date of birth
 */
public record MatchAgreement(Set<MatchKeyKind> kinds, boolean bothBirthDatesComplete) {

  public MatchAgreement {
    kinds = Set.copyOf(kinds);
  }

  /** Compares tokens; tokens agree only when made under the same key id. */
  public static MatchAgreement between(
      Collection<MatchToken> query, Collection<MatchToken> candidate) {
    Set<MatchToken> candidateTokens = new HashSet<>(candidate);
    Set<MatchKeyKind> agreed = EnumSet.noneOf(MatchKeyKind.class);
    boolean queryComplete = false;
    for (MatchToken token : query) {
      queryComplete |= token.kind().needsCompleteBirthDate();
      if (candidateTokens.contains(token)) {
        agreed.add(token.kind());
      }
    }
    boolean candidateComplete = false;
    for (MatchToken token : candidate) {
      candidateComplete |= token.kind().needsCompleteBirthDate();
    }
    return new MatchAgreement(agreed, queryComplete && candidateComplete);
  }

  /** Compares keys in clear, as a node does when it searches its own clients. */
  public static MatchAgreement betweenKeys(
      Collection<MatchKey> query, Collection<MatchKey> candidate) {
    Set<MatchKey> candidateKeys = new HashSet<>(candidate);
    Set<MatchKeyKind> agreed = EnumSet.noneOf(MatchKeyKind.class);
    boolean queryComplete = false;
    for (MatchKey key : query) {
      queryComplete |= key.kind().needsCompleteBirthDate();
      if (candidateKeys.contains(key)) {
        agreed.add(key.kind());
      }
    }
    boolean candidateComplete = false;
    for (MatchKey key : candidate) {
      candidateComplete |= key.kind().needsCompleteBirthDate();
    }
    return new MatchAgreement(agreed, queryComplete && candidateComplete);
  }

  /**
   * The best grade this agreement supports, or empty for no match. Each kind supports one grade
   * ({@link MatchKeyKind#grade()}); kinds built on the year alone count only when one side does not
   * know the whole date.
   */
  public Optional<Grade> grade() {
    Grade best = null;
    for (MatchKeyKind kind : kinds) {
      if (bothBirthDatesComplete && !kind.needsCompleteBirthDate()) {
        continue;
      }
      if (best == null || kind.grade().isStrongerThan(best)) {
        best = kind.grade();
      }
    }
    return Optional.ofNullable(best);
  }
}
