package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.patchwork.fixtures.TimeFactor;

/**
 * The cross-council journey in Debian's Chromium against the running federation: a Kingston
 * practitioner signs in through Kingston's Keycloak realm, asks the other councils (purpose and the
 * consent basis, with consent recorded at Kingston), sees Wyndham's involvement with its grade and
 * each council's status, and asks a restricted service at Wyndham to contact them; Wyndham's
 * gatekeeper signs in through Wyndham's realm and shares a contact; the answer comes back through
 * the broker to the Kingston practitioner's page. axe-core checks every page of the nodes;
 * screenshots go to system-tests/target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
class CrossCouncilPagesIT {

  private RunningFederation.Federation federation;

  @BeforeAll
  void seedTheCouncils(RunningFederation.Federation federation) {
    this.federation = federation;
    // The same people FederatedQueryIT asks about (an import is idempotent by client_ref), so that
    // this class runs alone and in any order.
    federation.seedScenarioPeople();
    federation.appointTheDemoGatekeeper("wyndham", "Family Violence Support");
    awaitWyndhamAnswering();
  }

  /**
   * A freshly started node answers its first federated queries too slowly for the broker's deadline
   * (FederatedQueryIT warms up the same way): ask until Wyndham answers in time.
   */
  private void awaitWyndhamAnswering() {
    String nurse = federation.token("kingston", "mch.nurse");
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofMinutes(2)));
    String last = "";
    while (Instant.now().isBefore(giveUp)) {
      HttpResponse<String> response =
          federation.postJson(
              federation.node("kingston") + "/api/federated-queries",
              nurse,
              Map.of(
                  "givenNames", "William",
                  "familyName", "Nguyen",
                  "dateOfBirth", ScenarioPeople.WILLIAM.toString(),
                  "purpose", "youth-services",
                  "basis", "consent"));
      last = response.body();
      if (response.statusCode() == 200) {
        for (JsonNode node : RunningFederation.Federation.json(response).path("nodes")) {
          if (node.path("council").asText().equals("wyndham")
              && node.path("status").asText().equals("MATCH")) {
            return;
          }
        }
      }
      pause(Duration.ofSeconds(3));
    }
    throw new AssertionError("Wyndham never answered in time: " + last);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aPractitionerAsksOtherCouncilsRequestsContactAndSeesTheGatekeepersAnswer() {
    Random random = new Random();
    String callback = "Kingston youth worker, 03 9555 " + (1000 + random.nextInt(9000));
    String shared = "Duty worker, 03 9111 " + (1000 + random.nextInt(9000));
    String kingston = federation.node("kingston");
    String wyndham = federation.node("wyndham");
    By wyndhamAnswer = By.xpath("//section[@id='others']//li[@data-council='wyndham']");

    try (PageBrowser worker = new PageBrowser(kingston)) {
      worker.open("/search.xhtml");
      assertThat(worker.url()).contains("/realms/kingston/");
      worker.signIn("youth.worker", federation.login("kingston", "youth.worker").password());
      ask(worker, "William", "Nguyen", ScenarioPeople.WILLIAM);
      assertThat(worker.text(By.id("matches"))).contains("William Nguyen").contains("certain");
      // Another council by its name, and a team named after its service named once.
      assertThat(worker.text(wyndhamAnswer))
          .startsWith("Wyndham City Council: ")
          .contains("Someone there is involved")
          .contains("Youth Services, since 2025-03-01")
          .doesNotContain("Youth Services (Youth Services)")
          .contains("certain match");
      // Yarra has its own status line whatever it answers: Bill Nguyễn (a probable match), or, when
      // Yarra's node has not answered in time (only Wyndham is waited for above), that it could
      // not be reached, with the whole answer flagged partial.
      String yarra = worker.text(By.xpath("//section[@id='others']//li[@data-council='yarra']"));
      assertThat(yarra)
          .startsWith("City of Yarra: ")
          .containsAnyOf(
              "Someone there is involved",
              "No involvement found",
              "Could not be reached",
              "Not asked: unreachable lately");
      if (yarra.contains("Someone there is involved")) {
        assertThat(yarra).contains("probable match");
      }
      if (yarra.contains("Could not be reached") || yarra.contains("unreachable lately")) {
        assertThat(worker.has(By.id("partial"))).as("flagged partial").isTrue();
      }
      worker.screenshot("cc-01-other-councils-answer", By.id("others"));

      ask(worker, "Amira", "Hassan", ScenarioPeople.AMIRA);
      assertThat(worker.text(wyndhamAnswer))
          .contains("A restricted service is involved")
          .contains("certain match")
          .doesNotContain("Family Violence");
      By contactButton = By.xpath("//li[@data-council='wyndham']//input[@type='submit']");
      worker.click(contactButton);
      assertThat(worker.text(By.xpath("//li[@data-council='wyndham']//span[@class='error']")))
          .isEqualTo("Say how the gatekeeper can reach you.");
      worker
          .type(By.xpath("//li[@data-council='wyndham']//input[@type='text']"), callback)
          .click(contactButton);
      assertThat(worker.text(By.id("messages")))
          .contains("Your request went to the service's duty worker at Wyndham City Council");
      assertThat(worker.text(wyndhamAnswer)).contains("You asked them to contact you");
      worker.screenshot("cc-02-contact-requested", By.id("others"));

      try (PageBrowser gatekeeper = new PageBrowser(wyndham)) {
        gatekeeper.open("/contact-requests.xhtml");
        assertThat(gatekeeper.url()).contains("/realms/wyndham/");
        gatekeeper.signIn("gatekeeper", federation.login("wyndham", "gatekeeper").password());
        String request = "//article[contains(., '" + callback + "')]";
        assertThat(gatekeeper.text(By.xpath(request)))
            .contains("About Amira Hassan")
            .contains("Kingston")
            .contains("for Family Violence Support");
        gatekeeper
            .tick(By.xpath(request + "//input[@value='SHARE_CONTACT']"))
            .type(By.xpath(request + "//input[@type='text']"), shared)
            .screenshot("cc-03-gatekeeper-at-wyndham", By.xpath(request))
            .click(By.xpath(request + "//input[@type='submit']"));
        assertThat(gatekeeper.pageText()).contains("Answer sent.");
        assertThat(gatekeeper.has(By.xpath(request))).isFalse();
        assertThat(gatekeeper.accessibilityProblems()).isEmpty();
      }

      // The answer goes back through the broker (the outbox sends it within seconds).
      worker.openUntil(
          "/contact-requests.xhtml",
          By.id("sent-elsewhere"),
          text -> text.contains(shared),
          Duration.ofSeconds(60));
      assertThat(worker.text(By.id("sent-elsewhere")))
          .contains("They shared their contact details")
          .contains("Family Violence Support")
          .contains(shared);
      worker.screenshot("cc-04-answer-back-at-kingston", By.id("sent-elsewhere"));
      assertThat(worker.accessibilityProblems()).isEmpty();
    }
  }

  private static void ask(PageBrowser browser, String given, String family, LocalDate born) {
    browser
        .open("/search.xhtml")
        .type(By.id("given"), given)
        .type(By.id("family"), family)
        .type(By.id("dob"), born.toString())
        .tick(By.id("ask-others"))
        .choose(By.id("purpose"), "youth-services")
        .choose(By.id("basis"), "consent")
        .click(By.id("search-button"));
    assertThat(browser.has(By.id("others")))
        .as("other councils answered: " + browser.pageText())
        .isTrue();
  }
}
