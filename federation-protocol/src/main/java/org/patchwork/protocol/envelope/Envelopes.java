package org.patchwork.protocol.envelope;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Signs, verifies, seals and opens the protocol's records. JSON is JSON-B (Yasson in Payara), so a
 * record's JSON here is the one its golden file pins.
 */
public final class Envelopes {

  static final JOSEObjectType TYPE = new JOSEObjectType("patchwork+json");
  private static final Jsonb JSON = JsonbBuilder.create();

  private Envelopes() {}

  public static String toJson(Object record) {
    return JSON.toJson(record);
  }

  public static <T> T fromJson(String json, Class<T> type) {
    return JSON.fromJson(json, type);
  }

  /** A compact JWS of the record's JSON, signed with the party's signing key. */
  public static String sign(Object record, ECKey signingKey) {
    try {
      JWSObject jws =
          new JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(signingKey.getKeyID())
                  .type(TYPE)
                  .build(),
              new Payload(toJson(record).getBytes(StandardCharsets.UTF_8)));
      jws.sign(new ECDSASigner(signingKey));
      return jws.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Signing failed: " + e.getMessage(), e);
    }
  }

  /**
   * The record inside a JWS, once its signature checks out against the public key its kid names.
   *
   * @param publicKeys kid → the signer's public key, from the federation directory
   */
  public static <T> Signed<T> verify(
      String compact, Class<T> type, Function<String, Optional<ECKey>> publicKeys)
      throws EnvelopeRejected {
    JWSObject jws = parseJws(compact);
    if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())
        || !TYPE.equals(jws.getHeader().getType())) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.MALFORMED, "Envelope must be an ES256 patchwork+json JWS");
    }
    return verified(jws, type, publicKeys, kid -> Optional.empty());
  }

  /**
   * A compact JWE of the record's JSON that only the holder of {@code recipient}'s private key can
   * open.
   */
  public static String seal(Object record, ECKey recipient) {
    try {
      JWEObject jwe =
          new JWEObject(
              new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM)
                  .keyID(recipient.getKeyID())
                  .type(TYPE)
                  .build(),
              new Payload(toJson(record).getBytes(StandardCharsets.UTF_8)));
      jwe.encrypt(new ECDHEncrypter(recipient.toECPublicKey()));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Sealing failed: " + e.getMessage(), e);
    }
  }

  public static <T> T open(String compact, Class<T> type, ECKey ownEncryptionKey)
      throws EnvelopeRejected {
    try {
      JWEObject jwe = JWEObject.parse(compact);
      if (!ownEncryptionKey.getKeyID().equals(jwe.getHeader().getKeyID())) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.UNKNOWN_KEY,
            "Sealed to key " + jwe.getHeader().getKeyID() + ", not ours");
      }
      jwe.decrypt(new ECDHDecrypter(ownEncryptionKey.toECPrivateKey()));
      return parse(jwe.getPayload().toString(), type);
    } catch (ParseException | JOSEException e) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.UNREADABLE_SEAL, "Cannot open the sealed payload", e);
    }
  }

  /**
   * A compact JWS (HS256) of the record's JSON, authenticated with the key the sender shares with
   * the receiver. Its kid is the sender's encryption key id, which names the sender and the pair.
   */
  public static String authenticate(Object record, PairKey pair) {
    try {
      JWSObject jws =
          new JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(pair.ownKid()).type(TYPE).build(),
              new Payload(toJson(record).getBytes(StandardCharsets.UTF_8)));
      jws.sign(new MACSigner(pair.authentication()));
      return jws.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Authenticating failed: " + e.getMessage(), e);
    }
  }

  /**
   * The record inside a JWS from a peer: signed (ES256) with a public key {@code signingKeys}
   * knows, or authenticated (HS256) with a pair key {@code pairKeys} gives for the sender's kid.
   * Nothing else is accepted, and each kind of key is looked up only for its own algorithm.
   */
  public static <T> Signed<T> verify(
      String compact,
      Class<T> type,
      Function<String, Optional<ECKey>> signingKeys,
      Function<String, Optional<PairKey>> pairKeys)
      throws EnvelopeRejected {
    JWSObject jws = parseJws(compact);
    JWSAlgorithm algorithm = jws.getHeader().getAlgorithm();
    if (!(JWSAlgorithm.ES256.equals(algorithm) || JWSAlgorithm.HS256.equals(algorithm))
        || !TYPE.equals(jws.getHeader().getType())) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.MALFORMED,
          "Envelope must be an ES256 or HS256 patchwork+json JWS");
    }
    return verified(jws, type, signingKeys, pairKeys);
  }

  /** Checks an ES256 JWS against {@code signingKeys}, an HS256 one against {@code pairKeys}. */
  private static <T> Signed<T> verified(
      JWSObject jws,
      Class<T> type,
      Function<String, Optional<ECKey>> signingKeys,
      Function<String, Optional<PairKey>> pairKeys)
      throws EnvelopeRejected {
    String kid = jws.getHeader().getKeyID();
    try {
      JWSVerifier verifier =
          JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm())
              ? new MACVerifier(known(kid, pairKeys, "Unknown sender key ").authentication())
              : new ECDSAVerifier(known(kid, signingKeys, "Unknown signing key "));
      if (!jws.verify(verifier)) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.BAD_SIGNATURE, "Signature does not match");
      }
    } catch (JOSEException e) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.BAD_SIGNATURE, "Signature check failed", e);
    }
    return new Signed<>(kid, parse(jws.getPayload().toString(), type));
  }

  /**
   * The key {@code keys} holds for {@code kid}, or UNKNOWN_KEY. A kid is whatever the sender wrote
   * in the header: one the lookup cannot make a key of (the receiver's own, which pairs with no
   * one) is refused like an unknown one, never left to fail the request.
   */
  private static <K> K known(String kid, Function<String, Optional<K>> keys, String unknown)
      throws EnvelopeRejected {
    Optional<K> key;
    try {
      key = Optional.ofNullable(kid).flatMap(keys);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.UNKNOWN_KEY, unknown + kid, e);
    }
    return key.orElseThrow(
        () -> new EnvelopeRejected(EnvelopeRejected.Reason.UNKNOWN_KEY, unknown + kid));
  }

  /**
   * The record inside a JWS without checking who made it: only for a payload whose every field that
   * matters is checked another way (a query's fields against the digest sealed inside it).
   */
  public static <T> T unverified(String compact, Class<T> type) throws EnvelopeRejected {
    return parse(parseJws(compact).getPayload().toString(), type);
  }

  /**
   * A compact JWE (dir, A256GCM) of the record's JSON that only the two parties of the pair can
   * open; opening it also proves which of them sealed it. Its kid is the sender's encryption key
   * id.
   */
  public static String seal(Object record, PairKey pair) {
    try {
      JWEObject jwe =
          new JWEObject(
              new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                  .keyID(pair.ownKid())
                  .type(TYPE)
                  .build(),
              new Payload(toJson(record).getBytes(StandardCharsets.UTF_8)));
      jwe.encrypt(new DirectEncrypter(pair.sealing()));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Sealing failed: " + e.getMessage(), e);
    }
  }

  /**
   * Opens what a peer sealed with the pair key {@code pairKeys} gives for the sender's kid. The
   * result names the sender: the seal's authentication tag proves it.
   */
  public static <T> Signed<T> open(
      String compact, Class<T> type, Function<String, Optional<PairKey>> pairKeys)
      throws EnvelopeRejected {
    JWEObject jwe;
    try {
      jwe = JWEObject.parse(compact);
    } catch (ParseException e) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.UNREADABLE_SEAL, "Not a sealed payload", e);
    }
    if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
        || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.UNREADABLE_SEAL, "A payload must be sealed dir/A256GCM");
    }
    String kid = jwe.getHeader().getKeyID();
    PairKey pair = known(kid, pairKeys, "Sealed by unknown key ");
    try {
      jwe.decrypt(new DirectDecrypter(pair.sealing()));
    } catch (JOSEException e) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.UNREADABLE_SEAL, "Cannot open the sealed payload", e);
    }
    return new Signed<>(kid, parse(jwe.getPayload().toString(), type));
  }

  /** SHA-256 of the record's JSON, base64url: binds a record's fields into another envelope. */
  public static String digest(Object record) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(toJson(record).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static JWSObject parseJws(String compact) throws EnvelopeRejected {
    try {
      return JWSObject.parse(compact);
    } catch (ParseException e) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Not a signed envelope", e);
    }
  }

  private static <T> T parse(String json, Class<T> type) throws EnvelopeRejected {
    try {
      T value = JSON.fromJson(json, type);
      if (value == null) {
        throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Empty payload");
      }
      return value;
    } catch (JsonbException e) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.MALFORMED, "Payload is not a " + type.getSimpleName(), e);
    }
  }

  /** A verified record and the key id that signed it. */
  public record Signed<T>(String keyId, T value) {

    /** The party whose key signed: key ids start with the party's id. */
    public String signer() {
      int colon = keyId.indexOf(':');
      return colon < 0 ? keyId : keyId.substring(0, colon);
    }
  }
}
