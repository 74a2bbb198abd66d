package org.patchwork.bench;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patchwork.bench.MatchingCaseloads.Caseloads;
import org.patchwork.bench.MatchingCaseloads.Person;
import org.patchwork.bench.MatchingCaseloads.Query;
import org.patchwork.bench.MatchingCaseloads.Variation;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.Grade;
import org.patchwork.protocol.matching.MatchAgreement;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeyKind;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.MatchToken;
import org.patchwork.protocol.matching.TwinRule;
import org.patchwork.protocol.query.LegalBasis;

/**
 * Scores matching on labelled caseloads: per variation kind, recall at any grade and at certain or
 * probable, false certain/probable matches, queries with a false possible match, and policy
 * violations (a token of a kind weaker than a name part with the whole date of birth sent under
 * consent). Where the answers come from is a {@link Federation}: the real one through the stack's
 * API ({@link MatchingBenchmark}), or {@link #inProcess} for a quick look at a change.
 */
final class MatchingEvaluation {

  /** What the councils answered about one query: record ref to grade, and tokens sent per kind. */
  record Answer(Map<String, Grade> graded, Map<MatchKeyKind, Integer> sentKinds) {}

  interface Federation {
    Answer ask(Query query) throws Exception;
  }

  private final PrintStream out;

  MatchingEvaluation(PrintStream out) {
    this.out = out;
  }

  /** One row of the table. */
  static final class Row {
    int queries;
    int foundAny;
    int foundStrong;
    int falseStrong;
    int falsePossibleQueries;
    int policyViolations;

    Map<String, Object> asMap(boolean positive) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("queries", queries);
      if (positive) {
        row.put("recallAny", ratio(foundAny, queries));
        row.put("recallCertainProbable", ratio(foundStrong, queries));
      }
      row.put("falseCertainProbable", falseStrong);
      row.put("falsePossibleQueries", falsePossibleQueries);
      row.put("policyViolations", policyViolations);
      return row;
    }
  }

  Map<String, Object> run(Caseloads caseloads, Federation federation) throws Exception {
    Map<Variation, Row> rows = new EnumMap<>(Variation.class);
    Row total = new Row();
    for (Query query : caseloads.queries()) {
      Answer answer = federation.ask(query);
      Row row = rows.computeIfAbsent(query.variation(), v -> new Row());
      score(query, answer, row);
      score(query, answer, total);
    }
    Map<String, Object> table = new LinkedHashMap<>();
    for (Map.Entry<Variation, Row> entry : rows.entrySet()) {
      table.put(entry.getKey().name(), entry.getValue().asMap(entry.getKey().positive));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("clients", caseloads.clients());
    result.put("queries", caseloads.queries().size());
    result.put("byVariation", table);
    Map<String, Object> overall = new LinkedHashMap<>();
    overall.put("falseCertainProbable", total.falseStrong);
    overall.put("falsePossibleQueriesShare", ratio(total.falsePossibleQueries, total.queries));
    overall.put("policyViolations", total.policyViolations);
    overall.put("minRecallAny", minimum(rows, false));
    overall.put("minRecallCertainProbable", minimum(rows, true));
    result.put("overall", overall);
    print(rows, overall);
    return result;
  }

  private static double minimum(Map<Variation, Row> rows, boolean strong) {
    double min = 1;
    for (Map.Entry<Variation, Row> entry : rows.entrySet()) {
      Variation v = entry.getKey();
      if (!v.positive || (strong && !v.strongExpected())) {
        continue;
      }
      Row row = entry.getValue();
      min = Math.min(min, ratio(strong ? row.foundStrong : row.foundAny, row.queries));
    }
    return min;
  }

  private static void score(Query query, Answer answer, Row row) {
    row.queries++;
    boolean any = false;
    boolean strong = false;
    boolean falsePossible = false;
    for (Map.Entry<String, Grade> found : answer.graded().entrySet()) {
      Grade grade = found.getValue();
      if (query.expected().contains(found.getKey())) {
        any = true;
        strong |= grade != Grade.POSSIBLE;
      } else if (grade == Grade.POSSIBLE) {
        falsePossible = true;
      } else {
        row.falseStrong++;
      }
    }
    if (any) {
      row.foundAny++;
    }
    if (strong) {
      row.foundStrong++;
    }
    if (falsePossible) {
      row.falsePossibleQueries++;
    }
    if (query.variation().basis != LegalBasis.SAFEGUARDING) {
      for (Map.Entry<MatchKeyKind, Integer> sent : answer.sentKinds().entrySet()) {
        if (sent.getKey().safeguardingOnly() && sent.getValue() > 0) {
          row.policyViolations++;
          break;
        }
      }
    }
  }

  private void print(Map<Variation, Row> rows, Map<String, Object> overall) {
    out.println();
    out.printf(
        "| %-22s | %7s | %10s | %17s | %15s | %14s | %6s |%n",
        "variation",
        "queries",
        "recall any",
        "recall cert/prob",
        "false cert/prob",
        "false possible",
        "policy");
    out.println(
        "|------------------------|---------|------------|-------------------|-----------------|----------------|--------|");
    for (Map.Entry<Variation, Row> entry : rows.entrySet()) {
      Row row = entry.getValue();
      boolean positive = entry.getKey().positive;
      out.printf(
          "| %-22s | %7d | %10s | %17s | %15d | %14d | %6d |%n",
          entry.getKey().name().toLowerCase(java.util.Locale.ROOT),
          row.queries,
          positive ? String.format("%.3f", ratio(row.foundAny, row.queries)) : "-",
          positive ? String.format("%.3f", ratio(row.foundStrong, row.queries)) : "-",
          row.falseStrong,
          row.falsePossibleQueries,
          row.policyViolations);
    }
    out.println();
    out.println("overall: " + overall);
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
  }

  /**
   * The federation's matching without its transport: each answering council's index holds the HMAC
   * of every match key of its clients (as the node's {@code client_match_key} does), the asking
   * council sends the tokens of the typed identity, and each candidate is graded from the kinds it
   * shares with them, as {@code ClientSearch} grades. For a quick before/after of a change; the
   * benchmark's figures come from the real federation.
   */
  static Federation inProcess(Caseloads caseloads, Map<String, Object> indexStats) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    FederationMatchingKey key = new FederationMatchingKey("eval", secret);
    Map<String, Map<ByteBuffer, List<Object[]>>> indexes = new HashMap<>();
    long keys = 0;
    long clients = 0;
    for (Map.Entry<String, List<Person>> council : caseloads.councils().entrySet()) {
      Map<ByteBuffer, List<Object[]>> index = new HashMap<>();
      for (Person person : council.getValue()) {
        Set<MatchKey> personKeys = MatchKeys.of(person.identity());
        keys += personKeys.size();
        clients++;
        for (MatchKey k : personKeys) {
          index
              .computeIfAbsent(ByteBuffer.wrap(key.digest(k)), b -> new ArrayList<>(1))
              .add(new Object[] {person, k.kind()});
        }
      }
      indexes.put(council.getKey(), index);
    }
    indexStats.put("keysPerClient", Math.round(100.0 * keys / clients) / 100.0);
    return query -> {
      boolean safeguarding = query.variation().basis == LegalBasis.SAFEGUARDING;
      List<MatchToken> tokens =
          key.tokens(MatchKeys.forAnotherCouncil(MatchKeys.of(query.typed()), safeguarding));
      Map<MatchKeyKind, Integer> sent = new EnumMap<>(MatchKeyKind.class);
      boolean queryComplete = query.typed().dateOfBirth() instanceof BirthDate.Complete;
      for (MatchToken token : tokens) {
        sent.merge(token.kind(), 1, Integer::sum);
      }
      Map<String, Grade> graded = new HashMap<>();
      for (String council : MatchingCaseloads.COUNCILS) {
        if (council.equals(MatchingCaseloads.ASKING)) {
          continue;
        }
        Map<Person, Set<MatchKeyKind>> candidates = new HashMap<>();
        for (MatchToken token : tokens) {
          if (token.kind().safeguardingOnly() && !safeguarding) {
            continue; // the answering node's own check (QueryAnswering)
          }
          List<Object[]> hits = indexes.get(council).get(ByteBuffer.wrap(token.digest()));
          if (hits == null) {
            continue;
          }
          for (Object[] hit : hits) {
            candidates
                .computeIfAbsent((Person) hit[0], p -> EnumSet.noneOf(MatchKeyKind.class))
                .add((MatchKeyKind) hit[1]);
          }
        }
        TwinRule.grade(
                List.copyOf(candidates.keySet()),
                p ->
                    new MatchAgreement(
                        candidates.get(p), queryComplete && p.born() instanceof BirthDate.Complete),
                Person::family,
                p -> p.born() instanceof BirthDate.Complete c ? c.date() : null)
            .forEach((p, grade) -> graded.put(p.ref(), grade));
      }
      return new Answer(graded, sent);
    };
  }
}
