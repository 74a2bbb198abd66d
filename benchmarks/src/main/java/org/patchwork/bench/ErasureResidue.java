package org.patchwork.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchToken;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.stack.StackException;

/**
 * What is left of a person after their council erased them on their objection: a person with a name
 * found nowhere else is registered at a council, asked about across the federation by another
 * council and by their own, then erased; the erasing node's database (every table, every column as
 * text), its log, and the broker's database and log are searched for the names, the date of birth,
 * the person's match tokens (as the wire carries them and as the index stores them) and their
 * client id. Each needle is counted before the person existed too, so only what they left counts.
 */
final class ErasureResidue {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A place to search: a database (as its own account) or a log file. */
  record Place(String name, Map<String, String> database, Path log) {}

  /** The needles one person leaves, by kind. */
  static Map<String, List<String>> needles(
      String given, String family, String birthDate, FederationMatchingKey key) {
    Map<String, List<String>> needles = new LinkedHashMap<>();
    needles.put("names", List.of(given.toLowerCase(Locale.ROOT), family.toLowerCase(Locale.ROOT)));
    needles.put("date of birth", List.of(birthDate));
    List<String> tokens = new ArrayList<>();
    for (MatchToken token :
        key.tokensFor(
            new PersonIdentity(
                List.of(given), family, BirthDate.of(java.time.LocalDate.parse(birthDate))))) {
      tokens.add(token.value().toLowerCase(Locale.ROOT));
      tokens.add(HexFormat.of().formatHex(token.digest()));
    }
    needles.put("tokens", tokens);
    return needles;
  }

  /** How often each kind of needle occurs in each place, right now. */
  Map<String, Map<String, Long>> count(List<Place> places, Map<String, List<String>> needles)
      throws Exception {
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (Place place : places) {
      String haystack = haystack(place);
      Map<String, Long> found = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> kind : needles.entrySet()) {
        long hits = 0;
        for (String needle : kind.getValue()) {
          hits += occurrences(haystack, needle);
        }
        found.put(kind.getKey(), hits);
      }
      counts.put(place.name(), found);
    }
    return counts;
  }

  /** Everything in a place as one lower-case text. */
  private static String haystack(Place place) throws SQLException, IOException {
    StringBuilder text = new StringBuilder();
    if (place.database() != null) {
      try (Connection c =
              DriverManager.getConnection(
                  place.database().get("db.url"),
                  place.database().get("db.user"),
                  place.database().get("db.password"));
          Statement s = c.createStatement()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet r =
            s.executeQuery(
                "select table_name from information_schema.tables where table_schema ="
                    + " current_schema() and table_type = 'BASE TABLE'")) {
          while (r.next()) {
            tables.add(r.getString(1));
          }
        }
        for (String table : tables) {
          try (ResultSet r = s.executeQuery("select * from \"" + table + "\"")) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
              for (int i = 1; i <= columns; i++) {
                text.append(r.getString(i)).append('\u001f');
              }
              text.append('\n');
            }
          }
        }
      }
    }
    if (place.log() != null && Files.exists(place.log())) {
      text.append(Files.readString(place.log(), StandardCharsets.ISO_8859_1));
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }

  private static long occurrences(String haystack, String needle) {
    long hits = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      hits++;
    }
    return hits;
  }

  /** {@code after} minus {@code before}, per place and kind, never below zero. */
  static Map<String, Map<String, Long>> residue(
      Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
    Map<String, Map<String, Long>> residue = new LinkedHashMap<>();
    after.forEach(
        (place, kinds) -> {
          Map<String, Long> left = new LinkedHashMap<>();
          kinds.forEach(
              (kind, hits) ->
                  left.put(
                      kind,
                      Math.max(
                          0, hits - before.getOrDefault(place, Map.of()).getOrDefault(kind, 0L))));
          residue.put(place, left);
        });
    return residue;
  }

  static String post(String url, String token, Map<String, Object> body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new StackException(
          "POST " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
