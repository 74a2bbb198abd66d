package org.patchwork.protocol.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * A council's long-lived signing key (EC P-256), kept apart from its node's working keys: it signs
 * the node's key set and the council admin's decisions on agreements. Its fingerprint is the RFC
 * 7638 SHA-256 thumbprint of the public key, which other councils pin after checking it out of
 * band.
 */
public final class CouncilKey {

  private CouncilKey() {}

  public static ECKey generate(String council) {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyUse(KeyUse.SIGNATURE)
          .keyID(council + ":council:" + UUID.randomUUID())
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("EC P-256 key generation is part of every JDK", e);
    }
  }

  /** Reads a council key file (one private EC JWK, as {@link #generate} makes and a file holds). */
  public static ECKey parse(String json) throws ParseException {
    JWK jwk = JWK.parse(json.strip());
    if (!(jwk instanceof ECKey key) || !key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
      throw new ParseException("A council key is one private EC P-256 JWK", 0);
    }
    return key;
  }

  /** The RFC 7638 SHA-256 thumbprint, base64url: what approvals pin. */
  public static String fingerprint(JWK key) {
    try {
      return key.toPublicJWK().computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** SHA-256 of a text, base64url: a stable name for a content (terms, a directory). */
  public static String sha256(String text) {
    try {
      return java.util.Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * The fingerprint as hex in groups of four, upper case: base64url mixes cases, which is hard to
   * read out over the phone; hex is not.
   */
  public static String grouped(String fingerprint) {
    String hex =
        HexFormat.of().formatHex(new Base64URL(fingerprint).decode()).toUpperCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(hex, i, Math.min(i + 4, hex.length()));
    }
    return out.toString();
  }
}
