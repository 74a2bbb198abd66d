package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.patchwork.fixtures.TimeFactor;

/**
 * The operators' console in Debian's Chromium against the running federation (issue 13): an
 * operator signs in through the federation realm, drafts an agreement between Kingston and Wyndham
 * for maternal-child-health, each council's admin approves it on their own node, a Kingston nurse's
 * question under it reaches Wyndham, the operator suspends it on the console and the next question
 * is NOT_ASKED at Wyndham, and the traffic page shows both questions and no names. A stopped node
 * shows down on the overview within one health interval. axe-core checks every console page, and
 * every page is checked at 320 px wide. Screenshots go to system-tests/target/screenshots.
 *
 * <p>The demo agreement covers every purpose between all three councils, so the journey suspends it
 * first and puts an equal one (same title, parties and terms) back at the end, approved by all
 * three councils as the launcher would: other classes run before or after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
class ConsolePagesIT {

  private static final String DEMO_TITLE = "Local demo federation";
  private static final String PURPOSE = "maternal-child-health";

  private RunningFederation.Federation federation;
  private String operator;
  private final List<JsonNode> suspendedDemoAgreements = new ArrayList<>();

  @BeforeAll
  void suspendTheDemoAgreement(RunningFederation.Federation federation) {
    this.federation = federation;
    federation.seedScenarioPeople();
    operator = federation.token("federation", "operator");
    for (JsonNode agreement :
        RunningFederation.Federation.json(
            federation.get(federation.url("broker") + "/api/agreements", operator))) {
      if (DEMO_TITLE.equals(agreement.path("title").asText())
          && !"SUSPENDED".equals(agreement.path("status").asText())) {
        HttpResponse<String> suspended =
            federation.post(
                federation.url("broker")
                    + "/api/agreements/"
                    + agreement.path("id").asText()
                    + "/suspension",
                operator,
                "application/json",
                "");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        suspendedDemoAgreements.add(agreement);
      }
    }
  }

  /** A new demo agreement with the same terms, approved by every party (as the launcher does). */
  @AfterAll
  void putTheDemoAgreementBack() {
    for (JsonNode old : suspendedDemoAgreements) {
      Map<String, Object> draft = new LinkedHashMap<>();
      draft.put("title", DEMO_TITLE);
      draft.put("legalBasis", old.path("legalBasis").asText());
      List<String> parties = new ArrayList<>();
      old.path("parties").forEach(p -> parties.add(p.path("council").asText()));
      draft.put("parties", parties);
      draft.put("purposes", strings(old.path("purposes")));
      draft.put("services", strings(old.path("services")));
      draft.put("validFrom", LocalDate.now().minusDays(1).toString());
      draft.put("validUntil", LocalDate.now().plusYears(2).toString());
      HttpResponse<String> drafted =
          federation.postJson(
              federation.url("broker") + "/api/agreements",
              federation.token("federation", "operator"),
              draft);
      assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
      String id = RunningFederation.Federation.json(drafted).path("id").asText();
      parties.forEach(council -> federation.decideAsCouncil(council, id, "APPROVE"));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void anOperatorDraftsAnAgreementTheCouncilsApproveItAndTheOperatorSuspendsIt() {
    String console = federation.url("console");
    String title = "Maternal and child health, Kingston and Wyndham " + UUID.randomUUID();
    try (PageBrowser browser = new PageBrowser(console)) {
      browser.open("/");
      assertThat(browser.url()).contains("/realms/federation/");
      browser.signIn("operator", federation.login("federation", "operator").password());
      assertThat(browser.text(By.tagName("h1"))).isEqualTo("Overview");
      assertThat(browser.text(By.id("councils"))).contains("Kingston", "Wyndham", "Yarra");
      assertThat(browser.text(By.id("directory-version"))).matches("\\d+");
      browser.screenshot("console-01-overview", By.id("councils"));

      browser
          .open("/agreements.xhtml")
          .type(By.id("title"), title)
          .type(By.id("legal-basis"), "Child Wellbeing and Safety Act 2005 (Vic), Part 6A")
          .tick(By.xpath("//input[@name='parties' and @value='kingston']"))
          .tick(By.xpath("//input[@name='parties' and @value='wyndham']"))
          .tick(By.xpath("//input[@name='purposes' and @value='" + PURPOSE + "']"))
          .tick(By.xpath("//input[@name='services' and @value='maternal-child-health']"))
          .screenshot("console-02-draft", By.id("draft"))
          .click(By.id("draft-button"));
      assertThat(browser.url()).contains("/agreement.xhtml?a=");
      String id = browser.url().substring(browser.url().indexOf("a=") + 2);
      assertThat(browser.text(By.tagName("h1"))).isEqualTo(title);
      assertThat(browser.text(By.id("agreement-status"))).isEqualTo("DRAFT");
      assertThat(browser.text(By.id("party-kingston"))).contains("Not yet");

      // Each council's admin approves on their own node, signing with the council key.
      federation.decideAsCouncil("kingston", id, "APPROVE");
      browser.openUntil(
          "/agreement.xhtml?a=" + id,
          By.id("party-kingston"),
          text -> text.contains("APPROVE"),
          Duration.ofSeconds(30));
      assertThat(browser.text(By.id("party-wyndham"))).contains("Not yet");
      federation.decideAsCouncil("wyndham", id, "APPROVE");
      browser.openUntil(
          "/agreement.xhtml?a=" + id,
          By.id("agreement-status"),
          text -> text.equals("ACTIVE"),
          Duration.ofSeconds(30));
      assertThat(browser.text(By.id("party-wyndham"))).contains("APPROVE");
      browser.screenshot("console-03-approved", By.id("parties"));

      // A Kingston nurse's question under the new agreement reaches Wyndham, once both nodes hold
      // it in force (each reads the directory every minute): asking meanwhile would only spend
      // the practitioner's questions, which the broker throttles and every system test shares.
      awaitStateAt("kingston", id, "IN_FORCE");
      awaitStateAt("wyndham", id, "IN_FORCE");
      JsonNode reached = askUntilWyndham(status -> status.equals("MATCH"), 3);
      assertThat(status(reached, "wyndham")).isEqualTo("MATCH");

      browser.open("/agreement.xhtml?a=" + id).click(By.id("suspend-button"));
      assertThat(browser.text(By.id("messages"))).contains("Suspended");
      assertThat(browser.text(By.id("agreement-status"))).isEqualTo("SUSPENDED");
      assertThat(browser.text(By.id("history")))
          .contains("drafted", "approved version 1", "POST /agreements/{id}/suspension");

      // Kingston seals tokens only under agreements it holds in force: until it has read the
      // broker's suspension, Wyndham's missing answer would rightly be UNAVAILABLE, not NOT_ASKED.
      awaitStateAt("kingston", id, "SUSPENDED");
      JsonNode notAsked = ask();
      assertThat(status(notAsked, "wyndham")).as(notAsked.toString()).isEqualTo("NOT_ASKED");

      browser.open("/traffic.xhtml?purpose=" + PURPOSE + "&council=wyndham");
      List<String> rows = new ArrayList<>();
      browser.textsOf(By.cssSelector("#log tr.log-entry")).forEach(rows::add);
      assertThat(rows).anySatisfy(row -> assertThat(row).contains("wyndham answered"));
      assertThat(rows).anySatisfy(row -> assertThat(row).contains("wyndham not asked"));
      assertThat(browser.pageText())
          .doesNotContain("Priya", "Raman", ScenarioPeople.PRIYA.toString());
      assertThat(browser.has(By.id("volume-chart"))).isTrue();
      browser.screenshot("console-04-traffic", By.id("log"));

      browser.open("/audit.xhtml");
      assertThat(browser.text(By.id("chain"))).startsWith("The chain holds");
      assertThat(browser.text(By.id("actions")))
          .contains("operator@federation", "POST /agreements/{id}/suspension", id);
      browser.screenshot("console-05-audit", By.id("actions"));

      for (String page :
          List.of(
              "/",
              "/councils.xhtml",
              "/agreements.xhtml",
              "/agreement.xhtml?a=" + id,
              "/traffic.xhtml",
              "/flags.xhtml",
              "/audit.xhtml")) {
        browser.open(page);
      }
      browser.narrow(320);
      try {
        for (String page :
            List.of(
                "/",
                "/councils.xhtml",
                "/agreements.xhtml",
                "/agreement.xhtml?a=" + id,
                "/traffic.xhtml",
                "/flags.xhtml",
                "/audit.xhtml")) {
          browser.open(page);
          assertThat(browser.horizontalOverflow())
              .as(page + " at 320 px wide")
              .isLessThanOrEqualTo(0);
          // And no wider layout viewport hides it (a page without a viewport meta is 980 px).
          assertThat(browser.scrollWidth()).as(page + " scroll width").isLessThanOrEqualTo(320);
        }
        browser.open("/").screenshot("console-06-overview-320px", By.id("councils"));
      } finally {
        browser.narrow(0);
      }
      assertThat(browser.accessibilityProblems()).isEmpty();
    }
  }

  @Test
  void aStoppedNodeShowsDownOnTheOverviewWithinOneHealthInterval() {
    String console = federation.url("console");
    try (PageBrowser browser = new PageBrowser(console)) {
      browser.open("/");
      browser.signIn("auditor", federation.login("federation", "auditor").password());
      // Healthy, or slow when its answers of the last hour were (a fresh node's first are).
      browser.openUntil("/", By.id("state-yarra"), ConsolePagesIT::up, Duration.ofSeconds(60));

      ProcessHandle yarra = ProcessHandle.of(federation.service("node-yarra").pid()).orElseThrow();
      yarra.descendants().forEach(ProcessHandle::destroyForcibly);
      yarra.destroyForcibly();
      yarra.onExit().join();
      Instant stopped = Instant.now();
      try {
        // One health interval (10 s) and the probe's own timeout; the page is reloaded meanwhile.
        browser.openUntil(
            "/", By.id("state-yarra"), text -> text.equals("Down"), Duration.ofSeconds(20));
        assertThat(Duration.between(stopped, Instant.now()))
            .isLessThan(TimeFactor.scaled(Duration.ofSeconds(20)));
        assertThat(browser.text(By.cssSelector("#councils > li:first-child")))
            .as("problems first")
            .contains("Yarra");
        browser.screenshot("console-07-yarra-down", By.id("councils"));

        browser.open("/agreements.xhtml");
        assertThat(browser.has(By.id("draft-button"))).as("an auditor cannot draft").isFalse();
      } finally {
        federation.restartNode("yarra");
      }
      browser.openUntil("/", By.id("state-yarra"), ConsolePagesIT::up, Duration.ofSeconds(120));
      assertThat(browser.accessibilityProblems()).isEmpty();
    }
  }

  private static boolean up(String state) {
    return state.equals("Healthy") || state.equals("Slow");
  }

  /** Waits until the council's own node sees the agreement in the state (its admin's API). */
  private void awaitStateAt(String council, String agreementId, String state) {
    String admin = federation.token(council, "council.admin");
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(150)));
    String seen = "not offered";
    while (Instant.now().isBefore(giveUp)) {
      for (JsonNode offered :
          RunningFederation.Federation.json(
              federation.get(federation.node(council) + "/api/council/agreements", admin))) {
        if (offered.path("id").asText().equals(agreementId)) {
          seen = offered.path("state").asText();
        }
      }
      if (seen.equals(state)) {
        return;
      }
      pause(2_000);
    }
    throw new AssertionError(
        council + "'s node never saw agreement " + agreementId + " " + state + ": " + seen);
  }

  /**
   * Asks at most a few times: a node in force may still answer slowly the first time (a cold node's
   * TIMEOUT), but each question counts against the nurse at the broker.
   */
  private JsonNode askUntilWyndham(java.util.function.Predicate<String> wanted, int times) {
    JsonNode last = null;
    for (int asked = 0; asked < times; asked++) {
      last = ask();
      if (last != null && wanted.test(status(last, "wyndham"))) {
        return last;
      }
      if (last != null && last.path("status").asInt() == 429) {
        // Asking again would only keep the nurse throttled (seen once, asking every 3 s).
        throw new AssertionError("The nurse was throttled while waiting for Wyndham: " + last);
      }
      pause(5_000);
    }
    throw new AssertionError("Wyndham never answered as expected: " + last);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The Kingston nurse asks about Priya (her client, with consent) under the purpose. Wyndham knows
   * Priya in its Maternal & Child Health team, the one service the drafted agreement covers.
   */
  private JsonNode ask() {
    HttpResponse<String> response =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries",
            federation.token("kingston", "mch.nurse"),
            Map.of(
                "givenNames", "Priya",
                "familyName", "Raman",
                "dateOfBirth", ScenarioPeople.PRIYA.toString(),
                "purpose", PURPOSE,
                "basis", "consent"));
    if (response.statusCode() != 200) {
      return RunningFederation.Federation.json(response);
    }
    return RunningFederation.Federation.json(response);
  }

  private static String status(JsonNode answer, String council) {
    for (JsonNode node : answer.path("nodes")) {
      if (node.path("council").asText().equals(council)) {
        return node.path("status").asText();
      }
    }
    return "absent: " + answer;
  }
}
