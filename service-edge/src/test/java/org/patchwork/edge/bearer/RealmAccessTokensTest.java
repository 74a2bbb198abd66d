package org.patchwork.edge.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realm's checks against tokens signed by the realm's own key that Keycloak would never issue
 * (so the bench's attacks on a real Keycloak cannot produce them): every claim the processor checks
 * is bent once, with the realm's certs served over real HTTP from a key this test holds.
 */
class RealmAccessTokensTest {

  private static final String AUDIENCE = "tenant-node";
  private static HttpServer realm;
  private static RSAKey realmKey;
  private static String issuer;

  @BeforeAll
  static void startTheRealm() throws Exception {
    realmKey = new RSAKeyGenerator(2048).keyID("realm-key").generate();
    byte[] certs =
        new JWKSet(realmKey.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
    realm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    realm.createContext(
        "/realms/kingston/protocol/openid-connect/certs",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, certs.length);
          exchange.getResponseBody().write(certs);
          exchange.close();
        });
    realm.start();
    issuer = "http://127.0.0.1:" + realm.getAddress().getPort() + "/realms/kingston";
  }

  @AfterAll
  static void stopTheRealm() {
    realm.stop(0);
  }

  @Test
  void acceptsAnAccessTokenTheRealmSignedForThisAudience() throws Exception {
    assertThat(processor().process(signed(claims -> claims), null).getSubject())
        .isEqualTo("practitioner-1");
  }

  @Test
  void refusesATokenThatExpiredBeyondTheClockSkew() {
    assertRefused(
        signed(claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
  }

  @Test
  void refusesATokenNotValidYet() {
    assertRefused(
        signed(claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(300)))));
  }

  @Test
  void refusesATokenForAnotherAudience() {
    assertRefused(signed(claims -> claims.audience("account")));
  }

  @Test
  void refusesATokenOfAnotherIssuer() {
    assertRefused(signed(claims -> claims.issuer(issuer.replace("kingston", "yarra"))));
  }

  @Test
  void refusesAnIdTokenAndARefreshToken() {
    assertRefused(signed(claims -> claims.claim("typ", "ID")));
    assertRefused(signed(claims -> claims.claim("typ", "Refresh")));
  }

  @Test
  void refusesATokenWithoutASubjectOrExpiry() {
    assertRefused(signed(claims -> claims.subject(null)));
    assertRefused(signed(claims -> claims.expirationTime(null)));
  }

  @Test
  void refusesAHeaderTypeOtherThanJwt() throws Exception {
    SignedJWT token =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(realmKey.getKeyID())
                .type(new JOSEObjectType("at+jwt+other"))
                .build(),
            baseClaims().build());
    token.sign(new RSASSASigner(realmKey));
    assertRefused(token.serialize());
  }

  @Test
  void refusesAlgNoneAndAnHmacKeyedWithTheRealmsPublicKey() throws Exception {
    String payload = baseClaims().build().toPayload().toBase64URL().toString();
    assertRefused(
        Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + payload
            + ".");
    SignedJWT confused =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(realmKey.getKeyID()).build(),
            baseClaims().build());
    confused.sign(new MACSigner(realmKey.toRSAPublicKey().getEncoded()));
    assertRefused(confused.serialize());
  }

  @Test
  void refusesATokenSignedByAnotherKeyUnderTheRealmsKeyId() throws Exception {
    RSAKey impostor = new RSAKeyGenerator(2048).keyID(realmKey.getKeyID()).generate();
    SignedJWT token =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(impostor.getKeyID()).build(),
            baseClaims().build());
    token.sign(new RSASSASigner(impostor));
    assertRefused(token.serialize());
  }

  private static void assertRefused(String token) {
    assertThatThrownBy(() -> processor().process(token, null))
        .as("a token the realm's checks must refuse")
        .isInstanceOf(Exception.class);
  }

  private static DefaultJWTProcessor<SecurityContext> processor() throws Exception {
    return RealmAccessTokens.processor(issuer, AUDIENCE);
  }

  private static JWTClaimsSet.Builder baseClaims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(AUDIENCE)
        .subject("practitioner-1")
        .claim("typ", "Bearer")
        .claim("preferred_username", "youth.worker")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)));
  }

  private static String signed(UnaryOperator<JWTClaimsSet.Builder> bend) {
    try {
      SignedJWT token =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(realmKey.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              bend.apply(baseClaims()).build());
      token.sign(new RSASSASigner(realmKey));
      return token.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
