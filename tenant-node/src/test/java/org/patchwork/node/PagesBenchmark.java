package org.patchwork.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small load: signed-in sessions, each a simultaneous user, open the main pages and send a
 * search, over and over; it reports each page's response time as seen on 127.0.0.1 (the server's
 * time plus a loopback hop). It measures and reports, and never fails on a number.
 */
final class PagesBenchmark {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  private final String base;
  private final List<String> sessions;
  private final String clientRef;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();

  PagesBenchmark(String base, List<String> sessions, String clientRef) {
    this.base = base;
    this.sessions = sessions;
    this.clientRef = clientRef;
  }

  /** Runs {@code rounds} rounds per user, all users at once, after one warm-up round each. */
  String run(int rounds) throws Exception {
    ExecutorService users = Executors.newFixedThreadPool(sessions.size());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (String session : sessions) {
        running.add(users.submit(() -> user(session, 1, false)));
      }
      for (Future<?> user : running) {
        user.get();
      }
      running.clear();
      long start = System.nanoTime();
      for (String session : sessions) {
        running.add(users.submit(() -> user(session, rounds, true)));
      }
      for (Future<?> user : running) {
        user.get();
      }
      long took = System.nanoTime() - start;
      return report(rounds, took);
    } finally {
      users.shutdownNow();
    }
  }

  private Void user(String session, int rounds, boolean measure) {
    for (int i = 0; i < rounds; i++) {
      get("home", "/", session, measure);
      get("client page", "/client.xhtml?c=" + clientRef, session, measure);
      get("contact requests", "/contact-requests.xhtml", session, measure);
      String search = get("search page", "/search.xhtml", session, measure);
      Matcher state = VIEW_STATE.matcher(search);
      if (!state.find()) {
        throw new IllegalStateException("No view state on the search page");
      }
      post(
          "search (form post)",
          "/search.xhtml",
          session,
          Map.of(
              "find", "find",
              "given", "Mia",
              "family", "Benchmark",
              "dob", "2010-05-06",
              "search-button", "Search",
              "jakarta.faces.ViewState", state.group(1)),
          measure);
    }
    return null;
  }

  private String get(String page, String path, String session, boolean measure) {
    return send(
        page,
        HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", session).GET(),
        measure);
  }

  private void post(
      String page, String path, String session, Map<String, String> form, boolean measure) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    send(
        page,
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Cookie", session)
            .header("Accept", "text/html,application/xhtml+xml")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Referer", base + path)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
        measure);
  }

  private String send(String page, HttpRequest.Builder request, boolean measure) {
    try {
      long start = System.nanoTime();
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - start;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            page
                + " answered "
                + response.statusCode()
                + " "
                + response.headers().map()
                + " "
                + response.body().substring(0, Math.min(300, response.body().length())));
      }
      if (measure) {
        nanos.computeIfAbsent(page, p -> Collections.synchronizedList(new ArrayList<>())).add(took);
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String report(int rounds, long tookNanos) throws IOException {
    Map<String, List<Long>> sorted = new LinkedHashMap<>();
    nanos.forEach(
        (page, list) -> {
          List<Long> copy = new ArrayList<>(list);
          Collections.sort(copy);
          sorted.put(page, copy);
        });
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%d simultaneous signed-in users, %d rounds each, %.1f s%n",
            sessions.size(), rounds, tookNanos / 1e9));
    text.append(
        String.format("%-22s %6s %8s %8s %8s%n", "page", "n", "p50 ms", "p95 ms", "max ms"));
    sorted.forEach(
        (page, list) ->
            text.append(
                String.format(
                    "%-22s %6d %8.1f %8.1f %8.1f%n",
                    page,
                    list.size(),
                    percentile(list, 50),
                    percentile(list, 95),
                    list.get(list.size() - 1) / 1e6)));
    Files.writeString(Path.of("target/pages-benchmark.txt"), text.toString());
    return text.toString();
  }

  private static double percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1e6;
  }
}
