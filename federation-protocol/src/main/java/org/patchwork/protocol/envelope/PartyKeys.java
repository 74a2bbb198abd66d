package org.patchwork.protocol.envelope;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.util.List;

/**
 * A party's (a node's or the broker's) two key pairs: one to sign, one to receive sealed payloads.
 * Kept apart so that a signing key never decrypts and rotation can treat them separately. Key ids
 * start with the party's id, so a receiver knows whose key a kid names.
 */
public record PartyKeys(String party, ECKey signing, ECKey encryption) {

  public static PartyKeys generate(String party) {
    try {
      return new PartyKeys(
          party,
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .keyIDFromThumbprint(false)
              .keyID(party + ":sig:" + java.util.UUID.randomUUID())
              .generate(),
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.ENCRYPTION)
              .keyID(party + ":enc:" + java.util.UUID.randomUUID())
              .generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("EC P-256 key generation is part of every JDK", e);
    }
  }

  /** Reads what {@link #toPrivateJson()} wrote. */
  public static PartyKeys fromPrivateJson(String party, String json) throws ParseException {
    JWKSet set = JWKSet.parse(json);
    return new PartyKeys(
        party,
        set.getKeys().stream()
            .filter(key -> KeyUse.SIGNATURE.equals(key.getKeyUse()))
            .findFirst()
            .orElseThrow(() -> new ParseException("no signing key", 0))
            .toECKey(),
        set.getKeys().stream()
            .filter(key -> KeyUse.ENCRYPTION.equals(key.getKeyUse()))
            .findFirst()
            .orElseThrow(() -> new ParseException("no encryption key", 0))
            .toECKey());
  }

  /** Both private keys, for the party's own secret store only. */
  public String toPrivateJson() {
    return new JWKSet(List.of(signing, encryption)).toString(false);
  }

  /** The public halves, as the federation directory publishes them. */
  public JWKSet publicKeys() {
    return new JWKSet(List.of(signing.toPublicJWK(), encryption.toPublicJWK()));
  }
}
