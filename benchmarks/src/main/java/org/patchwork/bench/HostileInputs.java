package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Generated hostile requests at every route a service publishes in its OpenAPI document: bodies
 * built from each route's own field names with values drawn from what breaks parsers (long, empty,
 * control and bidi characters, confusables, huge numbers, wrong types, deep nesting, bad UTF-8),
 * random path parameters and query strings, and sometimes no body or raw junk. Seeded, so a failure
 * can be replayed. Counts 5xx answers and stack traces in bodies, and between batches asks a
 * genuine question that must still be answered (other queries unaffected).
 */
final class HostileInputs {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(16))
          .build();
  private static final Pattern STACK_TRACE =
      Pattern.compile(
          "\\tat [a-z]|Exception:|\\.java:\\d+\\)|org\\.glassfish|jakarta\\.ws\\.rs\\.");

  /** A route as the OpenAPI document lists it. */
  record Route(
      String method, String path, String mediaType, List<String> fields, List<String> query) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** What one route answered to its generated requests. */
  record Tally(
      long requests,
      Map<Integer, Long> byStatus,
      long serverErrors,
      long stackTraces,
      List<String> examples,
      Map<Integer, Long> canaryMisses) {}

  /** A genuine request that must keep working while the hostile ones run. */
  interface Canary {
    /** The status it was answered with: 200 when it still works. */
    int answer() throws Exception;
  }

  private final String service;

  /** The callers' bearer tokens, asked for again at each route: a run outlives a token. */
  private final java.util.function.Supplier<List<String>> tokens;

  private List<String> current = List.of();
  private final Random random;

  HostileInputs(String service, java.util.function.Supplier<List<String>> tokens, long seed) {
    this.service = service;
    this.tokens = tokens;
    this.random = new Random(seed);
  }

  /** Every route of the service's OpenAPI document, minus those named in {@code skipped}. */
  List<Route> routes(String bearer, List<String> skipped) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(service + "/openapi?format=JSON"))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          service + "/openapi answered " + response.statusCode() + ": cannot list its routes");
    }
    JsonNode document = JSON.readTree(response.body());
    JsonNode schemas = document.path("components").path("schemas");
    List<Route> routes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String route = op.getKey().toUpperCase() + " " + path.getKey();
        if (skipped.stream().anyMatch(route::contains)) {
          continue;
        }
        JsonNode content = op.getValue().path("requestBody").path("content");
        String mediaType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        List<String> fields = new ArrayList<>();
        if (mediaType != null) {
          JsonNode schema = content.path(mediaType).path("schema");
          String ref = schema.path("$ref").asText("");
          JsonNode properties =
              ref.isEmpty()
                  ? schema.path("properties")
                  : schemas.path(ref.substring(ref.lastIndexOf('/') + 1)).path("properties");
          properties.fieldNames().forEachRemaining(fields::add);
        }
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : op.getValue().path("parameters")) {
          if ("query".equals(parameter.path("in").asText())) {
            query.add(parameter.path("name").asText());
          }
        }
        routes.add(new Route(op.getKey().toUpperCase(), path.getKey(), mediaType, fields, query));
      }
    }
    return routes;
  }

  /**
   * Whether a route needs a signed-in caller: it answers 401 to a plain request without a token (a
   * public route, one anyone on the network may call, answers something else). Path parameters get
   * a fixed id, so the probe itself is nothing hostile.
   */
  boolean needsSignIn(Route route) throws Exception {
    String path = route.path().replaceAll("\\{[^/]*\\}", "00000000-0000-0000-0000-000000000000");
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(service + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    HttpRequest probe =
        route.method().equals("GET")
            ? builder.GET().build()
            : builder
                .header(
                    "Content-Type",
                    route.mediaType() == null ? "application/json" : route.mediaType())
                .method(route.method(), HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    return HTTP.send(probe, HttpResponse.BodyHandlers.ofString()).statusCode() == 401;
  }

  /** {@code count} hostile requests at one route, 8 at a time, the canary asked every 500. */
  Tally attack(Route route, int count, Canary canary, AtomicLong canaryFailures) throws Exception {
    Map<Integer, Long> byStatus = new java.util.TreeMap<>();
    long serverErrors = 0;
    long stackTraces = 0;
    List<String> examples = new ArrayList<>();
    Map<Integer, Long> canaryMisses = new java.util.TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    current = tokens.get();
    try {
      for (int batch = 0; batch < count; batch += 500) {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = batch; i < Math.min(count, batch + 500); i++) {
          requests.add(request(route));
        }
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (HttpRequest request : requests) {
          answers.add(pool.submit(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString())));
        }
        for (int i = 0; i < answers.size(); i++) {
          HttpResponse<String> answer;
          try {
            answer = answers.get(i).get();
          } catch (java.util.concurrent.ExecutionException closed) {
            // The server may close a kept-alive connection after refusing a request, and the
            // client may already have sent the next one on it: ask once more on a fresh one.
            try {
              answer = HTTP.send(requests.get(i), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
              byStatus.merge(0, 1L, Long::sum);
              if (examples.size() < 3) {
                examples.add("no answer to " + requests.get(i).uri() + ": " + e);
              }
              continue;
            }
          }
          byStatus.merge(answer.statusCode(), 1L, Long::sum);
          boolean trace = STACK_TRACE.matcher(answer.body()).find();
          if (answer.statusCode() >= 500 || trace) {
            serverErrors += answer.statusCode() >= 500 ? 1 : 0;
            stackTraces += trace ? 1 : 0;
            if (examples.size() < 3) {
              examples.add(
                  answer.statusCode()
                      + " to "
                      + requests.get(i).uri()
                      + ": "
                      + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
          }
        }
        int canaryStatus = canary.answer();
        if (canaryStatus != 200) {
          canaryFailures.incrementAndGet();
          canaryMisses.merge(canaryStatus, 1L, Long::sum);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Tally(count, byStatus, serverErrors, stackTraces, examples, canaryMisses);
  }

  // --- generation ----------------------------------------------------------------------------

  private HttpRequest request(Route route) {
    String path = pathWithParameters(route.path());
    StringBuilder query = new StringBuilder();
    for (String name : route.query()) {
      if (random.nextInt(4) > 0) {
        query
            .append(query.isEmpty() ? "?" : "&")
            .append(name)
            .append('=')
            .append(URLEncoder.encode(hostileString(), StandardCharsets.UTF_8));
      }
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(service + path + query)).timeout(Duration.ofSeconds(30));
    int who = random.nextInt(current.size() + 1);
    if (who < current.size()) {
      builder.header("Authorization", "Bearer " + current.get(who));
    }
    builder.header("Accept", pick("application/json", "application/json", "*/*", "text/html"));
    if (route.method().equals("GET")) {
      return builder.GET().build();
    }
    byte[] body = body(route);
    String type =
        random.nextInt(10) == 0
            ? pick("application/xml", "text/plain", "application/json; charset=latin1", "*/*")
            : route.mediaType() == null ? "application/json" : route.mediaType();
    return builder
        .header("Content-Type", type)
        .method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** Fills each {parameter} of the template, whose regular expression may hold braces too. */
  private String pathWithParameters(String template) {
    StringBuilder path = new StringBuilder();
    int depth = 0;
    for (char c : template.toCharArray()) {
      if (c == '{') {
        depth++;
        if (depth == 1) {
          path.append(parameterValue());
        }
      } else if (c == '}') {
        depth--;
      } else if (depth == 0) {
        path.append(c);
      }
    }
    return path.toString();
  }

  private String parameterValue() {
    String value =
        switch (random.nextInt(6)) {
          case 0 -> URLEncoder.encode(hostileString(), StandardCharsets.UTF_8);
          case 1 -> "00000000-0000-0000-0000-000000000000";
          case 2 -> "%2e%2e%2f%2e%2e%2f";
          case 3 -> "no-such-council";
          default -> UUID.randomUUID().toString();
        };
    return value.isEmpty() ? "x" : value;
  }

  private byte[] body(Route route) {
    switch (random.nextInt(12)) {
      case 0:
        return new byte[0];
      case 1:
        return badUtf8();
      case 2:
        return deepJson(1 + random.nextInt(20000)).getBytes(StandardCharsets.UTF_8);
      case 3:
        return hostileString().getBytes(StandardCharsets.UTF_8);
      default:
        if ("text/csv".equals(route.mediaType())) {
          return csv().getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (String field : route.fields()) {
          if (random.nextInt(5) > 0) {
            object.put(field, hostileValue(0));
          }
        }
        if (random.nextInt(6) == 0) {
          object.put(hostileString(), hostileValue(0));
        }
        try {
          return JSON.writeValueAsBytes(object);
        } catch (IOException unwritable) {
          // A lone surrogate has no UTF-8 form: send the bytes a careless client would.
          return badUtf8();
        }
    }
  }

  private Object hostileValue(int depth) {
    return switch (random.nextInt(depth > 3 ? 8 : 11)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> pick(Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, Integer.MAX_VALUE + 1L);
      case 3 -> new java.math.BigDecimal("1e400");
      case 4 -> new java.math.BigInteger("9".repeat(1 + random.nextInt(400)));
      case 5, 6, 7 -> hostileString();
      case 8 -> java.util.Arrays.asList(hostileValue(depth + 1), hostileValue(depth + 1));
      case 9 -> {
        // null values are hostile too, which Map.of refuses
        Map<String, Object> nested = new java.util.HashMap<>();
        nested.put("k" + random.nextInt(9), hostileValue(depth + 1));
        yield nested;
      }
      default ->
          pick(
              UUID.randomUUID().toString(),
              "2012-02-30",
              "0000-00-00",
              "2012-13-01",
              "consent",
              "safeguarding",
              "MATCH",
              "APPROVED");
    };
  }

  private String hostileString() {
    return switch (random.nextInt(14)) {
      case 0 -> "";
      case 1 -> " ".repeat(1 + random.nextInt(50));
      case 2 -> "a".repeat(1 + random.nextInt(200_000));
      case 3 -> "\u0000\u0001\u0007\b\u001b[31m\r\n\t";
      case 4 -> "\u202eevil\u202c\u2066x\u2069\u200f\u200b\ufeff";
      case 5 -> "Ꭺdmin раураl Ѕmith"; // Cherokee, Cyrillic confusables
      case 6 -> "'; drop table client; --";
      case 7 -> "=HYPERLINK(\"http://x\")";
      case 8 -> "<script>alert(1)</script>";
      case 9 -> "\ud800"; // a lone surrogate
      case 10 -> "${jndi:ldap://127.0.0.1/x}";
      case 11 -> "Zoë Nguyễn-O'Brien";
      case 12 -> "%00%ff%fe" + "\\u0000";
      default -> Long.toString(random.nextLong()) + "e" + random.nextInt(9999);
    };
  }

  private byte[] badUtf8() {
    byte[] bytes = new byte[1 + random.nextInt(64)];
    random.nextBytes(bytes);
    bytes[0] = (byte) 0xC3; // a lead byte whose continuation is likely missing
    return bytes;
  }

  private static String deepJson(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private String csv() {
    StringBuilder csv = new StringBuilder("given_name,family_name,date_of_birth\n");
    for (int i = 0; i < 1 + random.nextInt(5); i++) {
      csv.append(hostileString().replace("\n", " "))
          .append(',')
          .append(hostileString().replace("\n", " "))
          .append(',')
          .append(random.nextBoolean() ? "2014-05-06" : hostileString())
          .append('\n');
    }
    return csv.toString();
  }

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
