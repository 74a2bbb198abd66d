package org.patchwork.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./patchwork query}: asks the other councils who is involved with a person, through the
 * practitioner's own node and the same API the web pages use, signed in as that practitioner.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Asks the other councils whether anyone is involved with a person, as a practitioner of"
            + " --council (demo passwords come from the launcher's state).")
final class QueryCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @CommandLine.ParentCommand Patchwork parent;

  @Option(names = "--council", required = true, description = "The asking practitioner's council.")
  String council;

  @Option(
      names = "--user",
      required = true,
      description = "The practitioner's login, e.g. youth.worker.")
  String user;

  /** The password, unless it is a demo account. */
  @CommandLine.Mixin GivenPassword password;

  @Option(names = "--purpose", required = true, description = "e.g. youth-services.")
  String purpose;

  @Option(names = "--basis", required = true, description = "consent or safeguarding.")
  String basis;

  @Option(names = "--given", required = true, description = "Given names.")
  String given;

  @Option(names = "--family", required = true, description = "Family name.")
  String family;

  @Option(names = "--dob", required = true, description = "Date of birth, YYYY-MM-DD.")
  String dob;

  @Option(names = "--postcode", description = "Postcode, 4 digits.")
  String postcode;

  @Option(names = "--json", description = "Print the answer as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Council chosen = Council.byId(council);
    if (!basis.equals("consent") && !basis.equals("safeguarding")) {
      throw new StackException("--basis is consent or safeguarding, not " + basis + ".");
    }
    try {
      LocalDate.parse(dob);
    } catch (DateTimeParseException e) {
      throw new StackException("--dob is a date as YYYY-MM-DD, not " + dob + ".");
    }
    StackStatus status = parent.stack().status();
    String keycloak = Patchwork.serviceUrl(status, "keycloak", "Keycloak is not running.");
    String node =
        Patchwork.serviceUrl(
            status,
            Patchwork.NODE_PREFIX + chosen.id(),
            "No node runs for " + chosen.id() + ": start it with ./patchwork up.");
    Optional<String> typed = password.read();
    String secret =
        typed.isPresent()
            ? typed.get()
            : status.logins().stream()
                .filter(l -> l.realm().equals(chosen.id()) && l.username().equals(user))
                .map(StackStatus.Login::password)
                .findFirst()
                .orElseThrow(
                    () ->
                        new StackException(
                            user
                                + " is not a demo account of "
                                + chosen.id()
                                + ": give its password with --password-stdin or in "
                                + GivenPassword.ENVIRONMENT
                                + "."));
    String token = DemoSignIn.accessToken(keycloak, chosen.id(), user, secret);

    ObjectNode question = question(given, family, dob, postcode, purpose, basis);
    HttpResponse<String> response = send(node, token, question);
    if (response.statusCode() != 200) {
      throw new StackException("The node refused the query " + refusal(response));
    }
    JsonNode answer = JSON.readTree(response.body());
    if (json) {
      parent.out.println(JSON.writeValueAsString(answer));
    } else {
      print(answer, parent.out);
    }
    return 0;
  }

  static ObjectNode question(
      String given, String family, String dob, String postcode, String purpose, String basis) {
    ObjectNode question = JSON.createObjectNode();
    question.put("givenNames", given);
    question.put("familyName", family);
    question.put("dateOfBirth", dob);
    if (postcode != null) {
      question.put("postcode", postcode);
    }
    question.put("purpose", purpose);
    question.put("basis", basis);
    return question;
  }

  /** Asks through the practitioner's node, with the practitioner's token. */
  static HttpResponse<String> send(String node, String token, ObjectNode question) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(node + "/api/federated-queries"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(question)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new StackException("Cannot reach the node at " + node + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while asking.", e);
    }
  }

  static String refusal(HttpResponse<String> response) {
    JsonNode problem = readQuietly(response.body());
    return "(HTTP "
        + response.statusCode()
        + "): "
        + (problem == null
            ? response.body()
            : problem.path("title").asText() + ". " + problem.path("detail").asText());
  }

  /** The answer for a person: each council's status and what it shared. */
  static void print(JsonNode answer, java.io.PrintStream out) {
    out.println("Query " + answer.path("queryId").asText());
    if (answer.path("partial").asBoolean()) {
      out.println("PARTIAL: some councils did not answer.");
    }
    for (JsonNode council : answer.path("nodes")) {
      out.println("  " + council.path("council").asText() + ": " + council.path("status").asText());
      for (JsonNode match : council.path("matches")) {
        if (match.path("restricted").asBoolean()) {
          out.println(
              "    "
                  + match.path("grade").asText()
                  + "  a restricted service is involved (handle "
                  + match.path("handle").asText()
                  + ")");
        } else {
          out.println(
              "    "
                  + match.path("grade").asText()
                  + "  "
                  + teamAndService(match.path("team").asText(), match.path("service").asText())
                  + ", since "
                  + match.path("since").asText()
                  + ": "
                  + match.path("contact").asText());
        }
      }
    }
  }

  /**
   * As the practitioner's pages write it: a team named after its service once ("Youth Services"),
   * else the team with its service ("Northside Outreach (Youth Services)").
   */
  static String teamAndService(String team, String service) {
    if (service.isBlank()) {
      return team;
    }
    if (team.isBlank()) {
      return service;
    }
    return team.strip().equalsIgnoreCase(service.strip()) ? team : team + " (" + service + ")";
  }

  private static JsonNode readQuietly(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
