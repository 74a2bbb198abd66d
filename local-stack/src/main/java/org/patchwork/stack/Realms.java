package org.patchwork.stack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Keycloak realms of the local stack, as import files: one realm per council (roles
 * practitioner, gatekeeper and council-admin; the node's client with an audience and a groups
 * mapper) and a federation realm for operators.
 */
final class Realms {

  static final String FEDERATION = "federation";
  static final String NODE_CLIENT = "tenant-node";
  static final String CLI_CLIENT = "patchwork-cli";
  static final String BROKER_CLIENT = "federation-broker";
  static final String CONSOLE_CLIENT = "admin-console";

  private Realms() {}

  static Map<String, Object> council(
      Council council, String nodeUrl, String clientSecret, List<DemoLogin> logins) {
    Map<String, Object> realm = base(council.id(), council.displayName());
    realm.put(
        "roles",
        Map.of(
            "realm",
            List.of(
                role("practitioner", "Works with clients and their teams"),
                role("gatekeeper", "Answers contact requests for a restricted team"),
                role("council-admin", "Approves practitioners and reviews audit"))));
    realm.put(
        "clients",
        List.of(
            confidentialClient(NODE_CLIENT, clientSecret, nodeUrl, NODE_CLIENT),
            publicCliClient(NODE_CLIENT, BROKER_CLIENT)));
    realm.put("users", users(logins));
    return realm;
  }

  static Map<String, Object> federation(
      String consoleUrl, String consoleSecret, String brokerSecret, List<DemoLogin> logins) {
    Map<String, Object> realm = base(FEDERATION, "Patchwork Federation");
    realm.put(
        "roles",
        Map.of(
            "realm",
            List.of(
                role("operator", "Runs the broker and drafts trust agreements"),
                role("auditor", "Reads the operators' console; changes nothing"))));
    realm.put(
        "clients",
        List.of(
            confidentialClient(CONSOLE_CLIENT, consoleSecret, consoleUrl, BROKER_CLIENT),
            confidentialClient(BROKER_CLIENT, brokerSecret, null, BROKER_CLIENT),
            publicCliClient(BROKER_CLIENT)));
    realm.put("users", users(logins));
    return realm;
  }

  /** A stable user id, so that a node's link to its practitioners survives a realm re-import. */
  static String userId(String realm, String username) {
    return UUID.nameUUIDFromBytes((realm + "/" + username).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static Map<String, Object> base(String name, String displayName) {
    Map<String, Object> realm = new LinkedHashMap<>();
    realm.put("realm", name);
    realm.put("displayName", displayName);
    realm.put("enabled", true);
    realm.put("sslRequired", "external");
    realm.put("accessTokenLifespan", 300);
    realm.put("ssoSessionIdleTimeout", 1800);
    realm.put("bruteForceProtected", true);
    realm.put("loginWithEmailAllowed", true);
    return realm;
  }

  private static Map<String, Object> role(String name, String description) {
    return Map.of("name", name, "description", description);
  }

  private static Map<String, Object> confidentialClient(
      String clientId, String secret, String appUrl, String audience) {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("clientId", clientId);
    client.put("enabled", true);
    client.put("protocol", "openid-connect");
    client.put("publicClient", false);
    client.put("secret", secret);
    client.put("standardFlowEnabled", appUrl != null);
    client.put("directAccessGrantsEnabled", false);
    client.put("serviceAccountsEnabled", appUrl == null);
    if (appUrl != null) {
      client.put("rootUrl", appUrl);
      client.put("redirectUris", List.of(appUrl + "/*"));
      client.put("webOrigins", List.of(appUrl));
      client.put("attributes", Map.of("post.logout.redirect.uris", appUrl + "/*"));
    }
    client.put("protocolMappers", mappers(audience));
    return client;
  }

  /**
   * The command line signs in with a password (the resource-owner grant), which is acceptable for
   * local demo accounts only; its tokens carry the node's audience so the API accepts them.
   */
  private static Map<String, Object> publicCliClient(String... audiences) {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("clientId", CLI_CLIENT);
    client.put("enabled", true);
    client.put("protocol", "openid-connect");
    client.put("publicClient", true);
    client.put("standardFlowEnabled", false);
    client.put("directAccessGrantsEnabled", true);
    List<Map<String, Object>> mappers = new ArrayList<>(mappers(audiences[0]));
    for (int i = 1; i < audiences.length; i++) {
      mappers.add(audienceMapper(audiences[i]));
    }
    client.put("protocolMappers", mappers);
    return client;
  }

  private static Map<String, Object> audienceMapper(String audience) {
    Map<String, Object> audienceMapper = new LinkedHashMap<>();
    audienceMapper.put("name", "audience-" + audience);
    audienceMapper.put("protocol", "openid-connect");
    audienceMapper.put("protocolMapper", "oidc-audience-mapper");
    audienceMapper.put(
        "config",
        Map.of(
            "included.client.audience", audience,
            "access.token.claim", "true",
            "id.token.claim", "false"));
    return audienceMapper;
  }

  private static List<Map<String, Object>> mappers(String audience) {
    Map<String, Object> audienceMapper = audienceMapper(audience);
    Map<String, Object> groupsMapper = new LinkedHashMap<>();
    groupsMapper.put("name", "groups");
    groupsMapper.put("protocol", "openid-connect");
    groupsMapper.put("protocolMapper", "oidc-usermodel-realm-role-mapper");
    groupsMapper.put(
        "config",
        Map.of(
            "claim.name", "groups",
            "multivalued", "true",
            "access.token.claim", "true",
            "id.token.claim", "true",
            "userinfo.token.claim", "true",
            "jsonType.label", "String"));
    return List.of(audienceMapper, groupsMapper);
  }

  private static List<Map<String, Object>> users(List<DemoLogin> logins) {
    List<Map<String, Object>> users = new ArrayList<>();
    for (DemoLogin login : logins) {
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("id", userId(login.realm(), login.username()));
      user.put("username", login.username());
      user.put("email", login.email());
      user.put("emailVerified", true);
      user.put("firstName", login.firstName());
      user.put("lastName", login.lastName());
      user.put("enabled", true);
      user.put(
          "credentials",
          List.of(Map.of("type", "password", "value", login.password(), "temporary", false)));
      user.put("realmRoles", login.roles());
      users.add(user);
    }
    return users;
  }
}
