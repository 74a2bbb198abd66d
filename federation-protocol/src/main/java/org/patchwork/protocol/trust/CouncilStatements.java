package org.patchwork.protocol.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.patchwork.protocol.envelope.Envelopes;

/**
 * Signs and reads council statements: a compact ES256 JWS whose header carries the council's public
 * key. The JWS proves only that the holder of that key said it; whether the key is the council's is
 * decided by the reader against the fingerprint its own council pinned ({@link TrustVerifier}).
 */
public final class CouncilStatements {

  static final JOSEObjectType TYPE = new JOSEObjectType("patchwork-council+json");

  private CouncilStatements() {}

  /** What a statement says, and the fingerprint of the key that signed it. */
  public record Stated<T>(T value, String fingerprint) {}

  public static String sign(Object statement, ECKey councilKey) {
    try {
      JWSObject jws =
          new JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .type(TYPE)
                  .jwk(councilKey.toPublicJWK())
                  .build(),
              new Payload(Envelopes.toJson(statement).getBytes(StandardCharsets.UTF_8)));
      jws.sign(new ECDSASigner(councilKey));
      return jws.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Signing failed: " + e.getMessage(), e);
    }
  }

  public static <T> Stated<T> read(String compact, Class<T> type) throws StatementRefused {
    if (compact == null || compact.length() > 64_000) {
      throw new StatementRefused("No statement, or one too long to be a council statement");
    }
    JWSObject jws;
    try {
      jws = JWSObject.parse(compact);
    } catch (ParseException e) {
      throw new StatementRefused("Not a compact JWS: " + e.getMessage(), e);
    }
    JWK jwk = jws.getHeader().getJWK();
    if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())
        || !TYPE.equals(jws.getHeader().getType())
        || !(jwk instanceof ECKey key)
        || key.isPrivate()) {
      throw new StatementRefused(
          "A council statement is an ES256 patchwork-council+json JWS carrying its public key");
    }
    try {
      if (!jws.verify(new ECDSAVerifier(key))) {
        throw new StatementRefused("The signature does not verify under the key it names");
      }
    } catch (JOSEException e) {
      throw new StatementRefused("The signature cannot be checked: " + e.getMessage(), e);
    }
    try {
      T value = Envelopes.fromJson(jws.getPayload().toString(), type);
      if (value == null) {
        throw new StatementRefused("The statement is empty");
      }
      return new Stated<>(value, CouncilKey.fingerprint(key));
    } catch (RuntimeException e) {
      throw new StatementRefused("The statement is not a " + type.getSimpleName(), e);
    }
  }
}
