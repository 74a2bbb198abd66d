package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchwork.bench.MatchingCaseloads.Caseloads;
import org.patchwork.bench.MatchingCaseloads.Person;
import org.patchwork.bench.MatchingCaseloads.Query;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.Grade;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeyKind;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.stack.CaseloadUpload;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoCaseload;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackStatus;

/**
 * The matching evaluation through the real federation: each council's labelled caseload is imported
 * through its node's import API, and Kingston's youth worker asks {@code POST
 * /api/federated-queries} about each query's typed identity, as a practitioner would. Kingston
 * holds each typed identity as its own client with consent (under consent the asker must certainly
 * know the person); Yarra and Wyndham answer with what their index finds, graded, sealed to
 * Kingston.
 *
 * <p>A match names no client, so each record's involvement starts on a date of its own (day {@code
 * n} after 2000-01-01 for record {@code Rn}), and the match's {@code since} says which record it
 * was.
 */
final class MatchingBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);
  private static final String TEAM = "Youth Services";

  /** Attempts per query while its answer is partial. */
  private static final int ATTEMPTS = 3;

  private final StackCalls calls;
  private final PrintStream out;

  /** Queries whose first answer was partial, and those still partial after every attempt. */
  private final int[] partialFirst = {0};

  private final int[] partialFinal = {0};

  /** "council STATUS" of each council that did not answer in a partial answer, counted. */
  private final Map<String, Integer> partialStatuses = new java.util.TreeMap<>();

  MatchingBenchmark(LocalStack stack, StackStatus status, PrintStream out) {
    this.calls = new StackCalls(status, HTTP);
    this.out = out;
  }

  /** Imports the caseloads (idempotent) and returns the federation to ask. */
  MatchingEvaluation.Federation load(Caseloads caseloads) throws Exception {
    for (Council council : List.of(Council.KINGSTON, Council.YARRA, Council.WYNDHAM)) {
      String node = calls.url("node-" + council.id());
      String admin = calls.token(council, "council.admin");
      CaseloadUpload.ensureTeams(node, admin, DemoCaseload.teams(council));
      StringBuilder csv = new StringBuilder(DemoCaseload.HEADER).append('\n');
      String worker = "youth.worker@" + council.id() + ".patchwork.test";
      for (Person person : caseloads.councils().get(council.id())) {
        row(csv, "M-" + person.ref(), person.identity(), worker, number(person.ref()));
      }
      if (council == Council.KINGSTON) {
        for (Query query : caseloads.queries()) {
          row(csv, "M-Q" + query.number(), query.typed(), worker, 1);
        }
      }
      CaseloadUpload.Answer answer =
          CaseloadUpload.send(node, admin, csv.toString().getBytes(StandardCharsets.UTF_8), false);
      out.println("- " + council.id() + ": " + answer.summary());
      for (String line : answer.rejectedLines().stream().limit(5).toList()) {
        out.println("  " + line);
      }
    }
    String node = calls.url("node-" + Council.KINGSTON.id());
    String[] worker = {calls.approvedPractitionerToken(Council.KINGSTON)};
    int[] errors = {0};
    int[] asked = {0};
    return query -> {
      // Access tokens live minutes; a long run signs in again now and then.
      if (++asked[0] % 300 == 0) {
        worker[0] = calls.token(Council.KINGSTON, "youth.worker");
      }
      Map<String, Object> question = new LinkedHashMap<>();
      PersonIdentity typed = query.typed();
      question.put("givenNames", String.join(" ", typed.givenNames()));
      question.put("familyName", typed.familyName());
      question.put(
          "dateOfBirth",
          typed.dateOfBirth() instanceof BirthDate.Complete c
              ? c.date().toString()
              : Integer.toString(typed.dateOfBirth().year()));
      question.put("purpose", "youth-services");
      question.put("basis", query.variation().basis.name().toLowerCase(Locale.ROOT));
      HttpResponse<String> response = null;
      // A partial answer (a council TIMEOUT or CIRCUIT_OPEN while the shared machine is loaded)
      // says nothing about matching: ask again, a few times, and count what stayed partial (a
      // miss for recall). bench federation measures availability.
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        response =
            calls.post(
                node + "/api/federated-queries",
                worker[0],
                JSON.writeValueAsString(question),
                Duration.ofSeconds(60));
        if (response.statusCode() != 200) {
          break;
        }
        JsonNode answer = JSON.readTree(response.body());
        if (!answer.path("partial").asBoolean()) {
          break;
        }
        if (attempt == 1) {
          partialFirst[0]++;
        }
        for (JsonNode council : answer.path("nodes")) {
          String status = council.path("status").asText();
          if (!List.of("MATCH", "NO_MATCH", "DENIED", "NOT_ASKED").contains(status)) {
            partialStatuses.merge(council.path("council").asText() + " " + status, 1, Integer::sum);
          }
        }
        if (attempt == ATTEMPTS) {
          partialFinal[0]++;
          out.println("  query " + query.number() + " (" + query.variation() + "): still partial");
        } else {
          Thread.sleep(2_000L * attempt);
        }
      }
      Map<String, Grade> graded = new HashMap<>();
      if (response.statusCode() != 200) {
        if (errors[0]++ < 5) {
          out.println(
              "  query "
                  + query.number()
                  + " ("
                  + query.variation()
                  + "): HTTP "
                  + response.statusCode()
                  + " "
                  + response.body());
        }
      } else {
        for (JsonNode council : JSON.readTree(response.body()).path("nodes")) {
          for (JsonNode match : council.path("matches")) {
            String since = match.path("since").asText("");
            if (since.isEmpty()) {
              continue;
            }
            String ref = "R" + ChronoUnit.DAYS.between(EPOCH, LocalDate.parse(since));
            Grade grade = Grade.fromWireValue(match.path("grade").asText());
            graded.merge(ref, grade, (a, b) -> a.isStrongerThan(b) ? a : b);
          }
        }
      }
      return new MatchingEvaluation.Answer(graded, sentKinds(typed, query.variation().basis));
    };
  }

  /** How complete the federation's answers were: partial first answers, retries' outcome. */
  Map<String, Object> completeness() {
    Map<String, Object> completeness = new LinkedHashMap<>();
    completeness.put("partialFirstAnswers", partialFirst[0]);
    completeness.put("partialAfterRetries", partialFinal[0]);
    completeness.put("attemptsPerQuery", ATTEMPTS);
    completeness.put("councilsNotAnsweringInPartialAnswers", new LinkedHashMap<>(partialStatuses));
    return completeness;
  }

  /**
   * The kinds of token Kingston's node sends for this identity on this basis: computed with the
   * same protocol code the node calls, since the tokens themselves are sealed.
   */
  static Map<MatchKeyKind, Integer> sentKinds(PersonIdentity typed, LegalBasis basis) {
    Map<MatchKeyKind, Integer> kinds = new EnumMap<>(MatchKeyKind.class);
    for (MatchKey key :
        MatchKeys.forAnotherCouncil(MatchKeys.of(typed), basis == LegalBasis.SAFEGUARDING)) {
      kinds.merge(key.kind(), 1, Integer::sum);
    }
    return kinds;
  }

  private static int number(String ref) {
    return Integer.parseInt(ref.substring(1));
  }

  private static void row(
      StringBuilder csv, String ref, PersonIdentity identity, String worker, int day) {
    csv.append(ref)
        .append(',')
        .append(quoted(String.join(" ", identity.givenNames())))
        .append(',')
        .append(quoted(identity.familyName()))
        .append(',')
        .append(
            identity.dateOfBirth() instanceof BirthDate.Complete c
                ? c.date().toString()
                : Integer.toString(identity.dateOfBirth().year()))
        .append(",,")
        .append(TEAM)
        .append(',')
        .append(worker)
        .append(',')
        .append(EPOCH.plusDays(day))
        .append(",standard,given\n");
  }

  private static String quoted(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
