package org.patchwork.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends a caseload file to a council's node through its import API, as {@code ./patchwork import}
 * and the demo do, and reads the answer.
 */
public final class CaseloadUpload {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The node's answer: its status, its JSON body, and a one-line summary for a person. */
  public record Answer(int status, String body) {

    public boolean succeeded() {
      return status == 200;
    }

    public String summary() {
      JsonNode json = json();
      if (succeeded()) {
        String summary =
            String.format(
                "%d imported, %d unchanged, %d rejected",
                json.path("imported").asInt(),
                json.path("unchanged").asInt(),
                json.path("rejected").size());
        java.util.List<String> created = new java.util.ArrayList<>();
        for (JsonNode team : json.path("teamsCreated")) {
          created.add(
              team.path("name").asText() + " (service " + team.path("service").asText() + ")");
        }
        return created.isEmpty()
            ? summary
            : summary + "; teams created: " + String.join(", ", created);
      }
      String detail = json.path("detail").asText("");
      String title = json.path("title").asText("the node refused the file");
      return title + " (HTTP " + status + ")" + (detail.isEmpty() ? "" : ": " + detail);
    }

    /** "line N: reason" for each rejected row. */
    public java.util.List<String> rejectedLines() {
      java.util.List<String> lines = new java.util.ArrayList<>();
      for (JsonNode rejected : json().path("rejected")) {
        lines.add(
            "line " + rejected.path("line").asInt() + ": " + rejected.path("reason").asText());
      }
      return lines;
    }

    private JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return JSON.createObjectNode();
      }
    }
  }

  private CaseloadUpload() {}

  public static Answer send(String nodeUrl, String token, byte[] csv, boolean allOrNothing) {
    return send(nodeUrl, token, csv, allOrNothing, false, (sent, total) -> {});
  }

  /** How much of the file has been sent: bytes so far and in all. */
  public interface Progress {
    void sent(long bytes, long total);
  }

  /**
   * @param createTeams whether rows may name teams the council does not have (the node creates them
   *     and lists them in its answer); otherwise such rows are rejected with a reason
   * @param progress told as the file goes out, in 64 KB steps
   */
  public static Answer send(
      String nodeUrl,
      String token,
      byte[] csv,
      boolean allOrNothing,
      boolean createTeams,
      Progress progress) {
    try {
      long total = csv.length;
      java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
      HttpRequest.BodyPublisher body =
          HttpRequest.BodyPublishers.fromPublisher(
              subscriber ->
                  HttpRequest.BodyPublishers.ofByteArrays(chunks(csv))
                      .subscribe(
                          new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
                            @Override
                            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                              subscriber.onSubscribe(s);
                            }

                            @Override
                            public void onNext(java.nio.ByteBuffer item) {
                              progress.sent(sent.addAndGet(item.remaining()), total);
                              subscriber.onNext(item);
                            }

                            @Override
                            public void onError(Throwable throwable) {
                              subscriber.onError(throwable);
                            }

                            @Override
                            public void onComplete() {
                              subscriber.onComplete();
                            }
                          }),
              total);
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          nodeUrl
                              + "/api/imports?allOrNothing="
                              + allOrNothing
                              + "&createTeams="
                              + createTeams))
                  .timeout(Duration.ofMinutes(10))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "text/csv; charset=utf-8")
                  .POST(body)
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new StackException("Cannot reach the node at " + nodeUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while importing.", e);
    }
  }

  private static java.util.List<byte[]> chunks(byte[] csv) {
    java.util.List<byte[]> chunks = new java.util.ArrayList<>();
    for (int from = 0; from < csv.length; from += 64 * 1024) {
      chunks.add(java.util.Arrays.copyOfRange(csv, from, Math.min(csv.length, from + 64 * 1024)));
    }
    return chunks;
  }

  /** Creates the demo teams a council does not have yet, so that they keep their services. */
  public static void ensureTeams(
      String nodeUrl, String token, java.util.List<DemoCaseload.DemoTeam> teams) {
    try {
      HttpResponse<String> existing =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(nodeUrl + "/api/teams"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (existing.statusCode() != 200) {
        throw new StackException(
            "The node at "
                + nodeUrl
                + " did not list its teams (HTTP "
                + existing.statusCode()
                + ").");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (JsonNode team : JSON.readTree(existing.body())) {
        names.add(team.path("name").asText().toLowerCase(java.util.Locale.ROOT));
      }
      for (DemoCaseload.DemoTeam team : teams) {
        if (names.contains(team.name().toLowerCase(java.util.Locale.ROOT))) {
          continue;
        }
        HttpResponse<String> created =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(nodeUrl + "/api/teams"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(team)))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (created.statusCode() != 201) {
          throw new StackException(
              "The node at "
                  + nodeUrl
                  + " did not create the team "
                  + team.name()
                  + " (HTTP "
                  + created.statusCode()
                  + ").");
        }
      }
    } catch (IOException e) {
      throw new StackException("Cannot reach the node at " + nodeUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while creating teams.", e);
    }
  }
}
