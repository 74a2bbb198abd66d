package org.patchwork.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * A council's first caseload import: N rows of the import CSV posted as the council admin, timed
 * end to end, with the node's resident memory afterwards. Rows are new each run (fresh refs).
 */
public final class ImportBenchmark {

  private final StackStatus status;
  private final Council council;
  private final PrintStream out;

  public ImportBenchmark(StackStatus status, Council council, PrintStream out) {
    this.status = status;
    this.council = council;
    this.out = out;
  }

  public Map<String, Object> run(int rows, Path workDir) throws IOException, InterruptedException {
    Path csv = workDir.resolve("import-" + rows + ".csv");
    String run = Long.toString(System.currentTimeMillis(), 36);
    Population population = new Population(7);
    StringBuilder text =
        new StringBuilder(
            "client_ref,given_names,family_name,date_of_birth,postcode,team,practitioner_email,"
                + "started_on,sensitivity,consent\n");
    String[] teams = {
      "Youth Services", "Maternal & Child Health", "School Wellbeing", "Family Violence Support"
    };
    for (int i = 0; i < rows; i++) {
      Population.Person person = population.person(i);
      int team = i % teams.length;
      text.append("I")
          .append(run)
          .append('-')
          .append(i)
          .append(',')
          .append(person.given())
          .append(',')
          .append(person.family().replace(",", " "))
          .append(',')
          .append(person.birthDate())
          .append(",3192,")
          .append(teams[team])
          .append(',')
          .append("worker")
          .append(i % 50)
          .append('@')
          .append(council.id())
          .append(".patchwork.test,")
          .append("2025-0")
          .append(1 + i % 9)
          .append("-1")
          .append(i % 10)
          .append(',')
          .append(team == 3 ? "restricted" : "standard")
          .append(',')
          .append(i % 3 == 0 ? "given" : "not-asked")
          .append('\n');
    }
    Files.createDirectories(workDir);
    Files.writeString(csv, text);
    out.printf(
        "- importing %,d rows (%.1f MB) into %s...%n", rows, Files.size(csv) / 1e6, council.id());
    StackStatus.Login admin =
        status.logins().stream()
            .filter(l -> l.realm().equals(council.id()) && l.username().equals("council.admin"))
            .findFirst()
            .orElseThrow(() -> new StackException("No demo council admin for " + council.id()));
    String token = DemoSignIn.accessToken(url("keycloak"), admin);
    long started = System.nanoTime();
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(url("node-" + council.id()) + "/api/imports?createTeams=true"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv; charset=UTF-8")
                    .timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofFile(csv))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "caseload-import");
    result.put("rows", rows);
    result.put("httpStatus", response.statusCode());
    result.put("seconds", seconds);
    result.put("rowsPerSecond", rows / seconds);
    result.put(
        "answer",
        response.body().length() > 300 ? response.body().substring(0, 300) : response.body());
    long pid =
        status.services().stream()
            .filter(s -> s.name().equals("node-" + council.id()))
            .findFirst()
            .orElseThrow()
            .pid();
    result.put("nodeResidentMiB", BenchReport.residentMiB(pid));
    result.put("nodePeakResidentMiB", BenchReport.peakResidentMiB(pid));
    out.printf(
        "- import: HTTP %d in %.1f s (%.0f rows/s)%n",
        response.statusCode(), seconds, rows / seconds);
    return result;
  }

  private String url(String name) {
    return status.services().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new StackException(name + " is not running"))
        .url();
  }
}
