package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchToken;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.stack.Council;

/**
 * After the scenarios' questions have gone through the broker, nothing that identifies a person is
 * in the broker's database or its log: no name, date of birth, postcode or match token of anyone
 * the scenarios asked about. The class asks about every scenario person itself, so it does not
 * depend on the other classes having run first (when they have, their traffic is checked too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
class ResidencyIT {

  private RunningFederation.Federation federation;

  @BeforeAll
  void askAboutEveryScenarioPerson(RunningFederation.Federation federation) {
    this.federation = federation;
    federation.seedScenarioPeople();
    String worker = federation.token("kingston", "youth.worker");
    for (ScenarioPeople.Row row : ScenarioPeople.at(Council.KINGSTON)) {
      Map<String, String> question = new LinkedHashMap<>();
      question.put("givenNames", row.given());
      question.put("familyName", row.family());
      question.put("dateOfBirth", row.dob().toString());
      question.put("postcode", row.postcode());
      question.put("purpose", "youth-services");
      // Safeguarding: under consent a practitioner may ask only about their own clients, and the
      // scenario people are not all the youth worker's; the broker sees both bases alike.
      question.put("basis", "safeguarding");
      HttpResponse<String> answer =
          federation.postJson(
              federation.node("kingston") + "/api/federated-queries", worker, question);
      if (answer.statusCode() != 200) {
        throw new AssertionError("Kingston did not ask about " + row.ref() + ": " + answer.body());
      }
    }
  }

  @Test
  void theBrokersDatabaseAndLogHoldNoIdentifierOfAnyoneAskedAbout() throws Exception {
    String dump = dumpBrokerDatabase();
    String log = Files.readString(federation.stack().logOf("broker"), StandardCharsets.UTF_8);
    assertThat(dump).as("the dump must not be empty").contains("routing");

    for (String secret : identifiers()) {
      Pattern whole =
          Pattern.compile(
              "(?<![\\p{L}\\p{N}])" + Pattern.quote(secret) + "(?![\\p{L}\\p{N}])",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      assertThat(whole.matcher(dump).find()).as("broker database holds " + secret).isFalse();
      assertThat(whole.matcher(log).find()).as("broker log holds " + secret).isFalse();
    }
  }

  /** Names, dates in the usual forms, postcodes and every match token of every scenario person. */
  private Set<String> identifiers() throws IOException {
    FederationMatchingKey key = matchingKey();
    Set<String> secrets = new LinkedHashSet<>();
    for (ScenarioPeople.Row row : ScenarioPeople.ROWS) {
      secrets.add(row.given());
      secrets.add(row.family());
      secrets.add(row.dob().toString());
      secrets.add(row.dob().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
      secrets.add(row.dob().format(DateTimeFormatter.BASIC_ISO_DATE));
      secrets.add(row.postcode());
      PersonIdentity identity =
          new PersonIdentity(
              List.of(row.given()),
              row.family(),
              List.of(),
              BirthDate.of(row.dob()),
              row.postcode());
      for (MatchToken token : key.tokensFor(identity)) {
        secrets.add(token.value());
      }
    }
    assertThat(secrets).hasSizeGreaterThan(ScenarioPeople.ROWS.size() * 10);
    return secrets;
  }

  private FederationMatchingKey matchingKey() throws IOException {
    Map<String, String> settings = federation.stack().nodeSettings(Council.KINGSTON);
    String file = settings.get("patchwork.federation.matching-key-file");
    JsonNode json = RunningFederation.Federation.JSON.readTree(Files.readString(Path.of(file)));
    return new FederationMatchingKey(
        json.path("keyId").asText(), Base64.getUrlDecoder().decode(json.path("secret").asText()));
  }

  private String dumpBrokerDatabase() throws Exception {
    Map<String, String> settings = federation.stack().brokerSettings();
    URI url = URI.create(settings.get("db.url").substring("jdbc:".length()));
    Path pgDump =
        Stream.of(Path.of("/usr/lib/postgresql"))
            .filter(Files::isDirectory)
            .flatMap(ResidencyIT::versions)
            .map(version -> version.resolve("bin/pg_dump"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(() -> new AssertionError("pg_dump is not installed"));
    List<String> command = new ArrayList<>();
    command.add(pgDump.toString());
    command.addAll(
        List.of(
            "--host",
            url.getHost(),
            "--port",
            Integer.toString(url.getPort()),
            "--username",
            settings.get("db.user"),
            "--no-owner",
            url.getPath().substring(1)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", settings.get("db.password"));
    Process process = builder.start();
    String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(dump).isZero();
    return dump;
  }

  private static Stream<Path> versions(Path root) {
    try {
      return Files.list(root).sorted();
    } catch (IOException e) {
      return Stream.empty();
    }
  }
}
