package org.patchwork.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeyKind;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * What a stolen federation matching key is worth to an attacker holding captured tokens: for each
 * token kind, the CPU time to find the person behind one token by trying every candidate name and
 * birth date (a dictionary attack, since the HMAC cannot be reversed otherwise).
 *
 * <p>Two figures per kind. <em>Measured</em>: a real inversion of one token over the bench
 * population's own name lists, stopping at the hit, in thread CPU time. <em>Estimated</em>: half
 * the candidate space of a broad dictionary (the sizes are stated) times the measured cost of one
 * candidate, the expected time over a realistic caseload's names. The weakest kind is the one with
 * the least of either.
 */
final class TokenInversion {

  /** A broad dictionary for Victoria: distinct given and family names seen in its registers. */
  static final int BROAD_GIVEN_NAMES = 20_000;

  static final int BROAD_FAMILY_NAMES = 100_000;

  /** The ages practitioners work with: 0 to 18, so 19 years of dates. */
  static final int YEARS = 19;

  private final PrintStream out;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  TokenInversion(PrintStream out) {
    this.out = out;
  }

  Map<String, Object> run() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    FederationMatchingKey key = new FederationMatchingKey("stolen", secret);
    List<String> given = Population.GIVEN;
    List<String> family = Population.FAMILY;
    LocalDate today = LocalDate.now();
    // The target: a name late in both lists, so the search runs most of its space.
    String targetGiven = given.get(given.size() * 3 / 4);
    String targetFamily = family.get(family.size() * 3 / 4);
    LocalDate targetBirth = today.minusYears(11).minusDays(97);
    PersonIdentity target =
        new PersonIdentity(List.of(targetGiven), targetFamily, BirthDate.of(targetBirth));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put(
        "dictionary",
        Map.of(
            "benchGivenNames", given.size(),
            "benchFamilyNames", family.size(),
            "broadGivenNames", BROAD_GIVEN_NAMES,
            "broadFamilyNames", BROAD_FAMILY_NAMES,
            "years", YEARS));
    // The floor a kind sent on consent must reach (issue 15): a token holding one name part and
    // the whole date, e.g. the family name and birthday, tried over the same dictionaries.
    double hmac = hmacSeconds(key);
    long wholeDates = today.minusYears(YEARS).datesUntil(today).count();
    double floorBroad = (double) BROAD_FAMILY_NAMES * wholeDates / 2 * hmac;
    double floorBench = (double) family.size() * wholeDates / 2 * hmac;
    Map<String, Object> floor = new LinkedHashMap<>();
    floor.put("what", "one family name part with the whole date of birth");
    // Named apart from the kinds' figures, so the hardening table does not read it as a kind.
    floor.put("floorCpuSecondsBroadDictionary", round(floorBroad));
    floor.put("floorCpuSecondsBenchDictionary", round(floorBench));
    result.put("referenceNamePartWholeDate", floor);
    for (MatchKeyKind kind : MatchKeyKind.values()) {
      byte[] captured = tokenOf(key, target, kind);
      if (captured == null) {
        result.put(kind.name(), Map.of("note", "no token of this kind for a plain identity"));
        continue;
      }
      Map<String, Object> figures = invert(key, kind, captured, given, family, today, target);
      long dateParts = (long) figures.get("distinctDateValues");
      double benchSpace = (double) given.size() * family.size() * dateParts / 2 * hmac;
      double broadSpace =
          ((Number) figures.get("estimatedCpuSecondsBroadDictionary")).doubleValue();
      figures.put("estimatedCpuSecondsBenchDictionary", round(benchSpace));
      boolean atLeastFloor = benchSpace >= floorBench && broadSpace >= floorBroad;
      figures.put("atLeastNamePartWholeDate", atLeastFloor);
      figures.put("sentUnderConsent", !kind.safeguardingOnly());
      if (!atLeastFloor && !kind.safeguardingOnly()) {
        out.printf("  !!! %s is below the floor and still sent under consent%n", kind);
      }
      result.put(kind.name(), figures);
    }
    return result;
  }

  private Map<String, Object> invert(
      FederationMatchingKey key,
      MatchKeyKind kind,
      byte[] captured,
      List<String> given,
      List<String> family,
      LocalDate today,
      PersonIdentity target) {
    long started = threads.getCurrentThreadCpuTime();
    long candidates = 0;
    boolean found = false;
    // Dates outer for complete-date kinds (the attacker knows nothing), years for the others.
    List<BirthDate> dates =
        kind.needsCompleteBirthDate()
            ? today.minusYears(YEARS).datesUntil(today).map(BirthDate::of).toList()
            : java.util.stream.IntStream.rangeClosed(today.getYear() - YEARS + 1, today.getYear())
                .mapToObj(BirthDate::ofYear)
                .toList();
    long budgetNanos = 10_000_000_000L;
    search:
    for (BirthDate date : dates) {
      for (String g : given) {
        for (String f : family) {
          candidates++;
          byte[] token = tokenOf(key, new PersonIdentity(List.of(g), f, date), kind);
          if (token != null && Arrays.equals(token, captured)) {
            found = true;
            break search;
          }
        }
      }
      if (threads.getCurrentThreadCpuTime() - started > budgetNanos) {
        break;
      }
    }
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - started) / 1e9;
    double perCandidate = cpuSeconds / candidates;
    long datesInSpace = distinctDateParts(kind, today, target);
    double broadSpace = (double) BROAD_GIVEN_NAMES * BROAD_FAMILY_NAMES * datesInSpace;
    double hmacOnly = hmacSeconds(key);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("grade", kind.grade().name());
    figures.put("found", found);
    figures.put("candidatesTried", candidates);
    figures.put("measuredCpuSeconds", round(cpuSeconds));
    figures.put("distinctDateValues", datesInSpace);
    figures.put("cpuMicrosPerCandidateWithOurCode", round(perCandidate * 1e6));
    figures.put("cpuMicrosPerHmacOnly", round(hmacOnly * 1e6));
    // An attacker who writes the key strings directly pays about one HMAC per candidate.
    figures.put("estimatedCpuSecondsBroadDictionary", round(broadSpace / 2 * hmacOnly));
    out.printf(
        "  %-26s %s after %,d candidates, %.1f CPU s; broad dictionary ≈ %.3g CPU s%n",
        kind, found ? "inverted" : "not found", candidates, cpuSeconds, broadSpace / 2 * hmacOnly);
    return figures;
  }

  /** How many different date parts a key of this kind can hold over the 19 years. */
  private static long distinctDateParts(MatchKeyKind kind, LocalDate today, PersonIdentity target) {
    Set<String> values = new HashSet<>();
    String name = target.givenNames().get(0);
    today
        .minusYears(YEARS)
        .datesUntil(today)
        .forEach(
            date -> {
              for (MatchKey key :
                  MatchKeys.of(
                      new PersonIdentity(List.of(name), target.familyName(), BirthDate.of(date)))) {
                if (key.kind() == kind) {
                  values.add(key.value());
                }
              }
            });
    // Every key of a kind holds the same names here, so distinct values are distinct dates.
    long perName = MatchKeys.of(target).stream().filter(key -> key.kind() == kind).count();
    return Math.max(1, values.size() / Math.max(1, perName));
  }

  private double hmacSeconds(FederationMatchingKey key) {
    MatchKey sample =
        MatchKeys.of(
                new PersonIdentity(
                    List.of("Alexandra"), "Nguyen", BirthDate.of(LocalDate.of(2015, 3, 7))))
            .iterator()
            .next();
    int rounds = 200_000;
    long started = threads.getCurrentThreadCpuTime();
    int sink = 0;
    for (int i = 0; i < rounds; i++) {
      sink += key.digest(sample)[0];
    }
    double seconds = (threads.getCurrentThreadCpuTime() - started) / 1e9;
    if (sink == Integer.MIN_VALUE) {
      out.println();
    }
    return seconds / rounds;
  }

  /** The token of one kind for an identity (the first, if the kind yields several), or null. */
  private static byte[] tokenOf(
      FederationMatchingKey key, PersonIdentity identity, MatchKeyKind kind) {
    for (MatchKey matchKey : MatchKeys.of(identity)) {
      if (matchKey.kind() == kind) {
        return key.digest(matchKey);
      }
    }
    return null;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
