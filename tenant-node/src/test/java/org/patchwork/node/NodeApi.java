package org.patchwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.patchwork.fixtures.FederationInfrastructure;

/**
 * The node's REST API as the ITs use it: requests with a demo account's token, and the setup every
 * scenario needs (approved demo practitioners, fresh uniquely named teams and clients).
 */
final class NodeApi {

  /** A response with its JSON body read. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    boolean isProblem() {
      return contentType.startsWith("application/problem+json");
    }
  }

  static final String HOME = "kingston";
  static final String YOUTH_WORKER = "youth.worker";
  static final String NURSE = "mch.nurse";
  static final String GATEKEEPER = "gatekeeper";
  static final String ADMIN = "council.admin";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final URI base;
  private final Map<String, String> tokens = new HashMap<>();

  NodeApi(URL base) {
    this.base = URI.create(base.toString());
  }

  /** A token for a Kingston demo account, fetched once per test. */
  String token(String user) {
    return tokens.computeIfAbsent(user, u -> FederationInfrastructure.accessToken(HOME, u));
  }

  Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  Reply post(String path, String token, String json) {
    return send("POST", path, token, json);
  }

  Reply put(String path, String token, String json) {
    return send("PUT", path, token, json);
  }

  Reply send(String method, String path, String token, String json) {
    return send(method, path, token, json, "application/json");
  }

  /** A caseload import (text/csv). */
  Reply sendCsv(String path, String token, String csv) {
    return send("POST", path, token, csv, "text/csv");
  }

  private Reply send(String method, String path, String token, String json, String type) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", type);
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The demo practitioner's id, approved by the council admin if this is their first visit (the
   * database outlives test runs, so they may be approved already).
   */
  String approvedPractitioner(String user) {
    JsonNode me = get("/api/me", token(user)).json();
    String id = me.path("practitionerId").asText();
    assertThat(id).as("practitioner id of " + user).isNotEmpty();
    if (!"APPROVED".equals(me.path("status").asText())) {
      approve(id);
    }
    return id;
  }

  void approve(String practitionerId) {
    Reply approved = post("/api/practitioners/" + practitionerId + "/approval", token(ADMIN), "{}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
  }

  String newTeam(String sensitivity, String contactRoute) {
    Reply created =
        post(
            "/api/teams",
            token(ADMIN),
            "{\"name\":\"Team "
                + UUID.randomUUID()
                + "\",\"service\":\""
                + ("RESTRICTED".equals(sensitivity) ? "HEALTH" : "YOUTH_SERVICES")
                + "\",\"sensitivity\":\""
                + sensitivity
                + "\",\"contactRoute\":\""
                + contactRoute
                + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  String teamName(String teamId) {
    for (JsonNode team : get("/api/teams", token(ADMIN)).json()) {
      if (team.path("id").asText().equals(teamId)) {
        return team.path("name").asText();
      }
    }
    throw new AssertionError("no team " + teamId);
  }

  void appointGatekeepers(String teamId, String... practitionerIds) {
    Reply appointed =
        put(
            "/api/teams/" + teamId + "/gatekeepers",
            token(ADMIN),
            "{\"practitionerIds\":[" + quoted(practitionerIds) + "]}");
    assertThat(appointed.status()).as(appointed.body()).isEqualTo(200);
  }

  /** A client with a unique family name, registered by the council admin. */
  String newClient() {
    Reply created =
        post(
            "/api/clients",
            token(ADMIN),
            "{\"givenNames\":\"Mia\",\"familyName\":\"Client"
                + randomLetters(10)
                + "\",\"dateOfBirth\":\"2010-05-06\",\"suburb\":\"Mentone\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  /**
   * Letters only: names are matched by their letters (digits are dropped), so "Client0451f679" and
   * "Client4570703f" would be the same person to the search.
   */
  private static String randomLetters(int length) {
    StringBuilder letters = new StringBuilder(length);
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      letters.append((char) ('a' + random.nextInt(26)));
    }
    return letters.toString();
  }

  /** The user joins the client's team for the team; the involvement's id. */
  String join(String user, String clientId, String teamId) {
    Reply joined =
        post(
            "/api/clients/" + clientId + "/team",
            token(user),
            "{\"teamId\":\"" + teamId + "\",\"role\":\"Key worker\",\"startedOn\":\"2025-01-15\"}");
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    return joined.json().path("involvementId").asText();
  }

  private static String quoted(String... values) {
    StringBuilder joined = new StringBuilder();
    for (String value : values) {
      joined.append(joined.length() == 0 ? "" : ",").append('"').append(value).append('"');
    }
    return joined.toString();
  }
}
