package org.patchwork.protocol.matching;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The federation matching key: a secret shared by the nodes (never by the broker) that turns match
 * keys into {@link MatchToken}s. Without it a token cannot be tested against a guessed name and
 * birthday, which is what makes tokens safe to send through the broker. Safe for concurrent use.
 */
public final class FederationMatchingKey {

  /** 256 bits: HMAC-SHA256 gains nothing from more and loses strength with less. */
  public static final int MINIMUM_LENGTH = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final String id;
  private final SecretKeySpec secret;
  private final Mac prototype;

  /**
   * @param id names the key in tokens, so that nodes can hold the old and the new key during a
   *     rotation: 1 to 64 letters, digits, dots, hyphens or underscores
   * @param secret at least {@value #MINIMUM_LENGTH} random bytes; copied, so the caller may wipe
   *     its array
   * @throws IllegalArgumentException if the id is malformed or the secret too short
   */
  public FederationMatchingKey(String id, byte[] secret) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "A matching key id has 1 to 64 letters, digits, dots, hyphens or underscores");
    }
    Objects.requireNonNull(secret, "The federation matching key is missing");
    if (secret.length < MINIMUM_LENGTH) {
      throw new IllegalArgumentException(
          "A federation matching key needs at least "
              + MINIMUM_LENGTH
              + " bytes (256 bits) of random data, but this one has "
              + secret.length);
    }
    this.id = id;
    this.secret = new SecretKeySpec(secret, ALGORITHM);
    this.prototype = newMac(this.secret);
  }

  public String id() {
    return id;
  }

  /** The tokens of all match keys of an identity, in the order of {@link MatchKeys#of}. */
  public List<MatchToken> tokensFor(PersonIdentity identity) {
    return tokens(MatchKeys.of(identity));
  }

  /** One token per key, in the keys' order. */
  public List<MatchToken> tokens(Collection<MatchKey> keys) {
    Mac mac = mac();
    List<MatchToken> tokens = new ArrayList<>(keys.size());
    for (MatchKey key : keys) {
      tokens.add(token(mac, key));
    }
    return List.copyOf(tokens);
  }

  public MatchToken token(MatchKey key) {
    return token(mac(), key);
  }

  /**
   * The raw 32 bytes of the key's token ({@link MatchToken#digest()} of {@link #token}): the
   * compact form a node's own index stores, so that one index answers both local searches and
   * tokens that arrive from other councils.
   */
  public byte[] digest(MatchKey key) {
    return digest(mac(), key);
  }

  /** The raw token bytes of each key, in the keys' order. */
  public byte[][] digests(Collection<MatchKey> keys) {
    Mac mac = mac();
    byte[][] digests = new byte[keys.size()][];
    int i = 0;
    for (MatchKey key : keys) {
      digests[i++] = digest(mac, key);
    }
    return digests;
  }

  private MatchToken token(Mac mac, MatchKey key) {
    return new MatchToken(id, key.kind(), BASE64URL.encodeToString(digest(mac, key)));
  }

  private static byte[] digest(Mac mac, MatchKey key) {
    mac.update(key.kind().name().getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) ':');
    return mac.doFinal(key.value().getBytes(StandardCharsets.UTF_8));
  }

  /** A Mac is not thread-safe; cloning the initialised one is cheaper than a provider lookup. */
  private Mac mac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return newMac(secret);
    }
  }

  private static Mac newMac(SecretKeySpec secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Every Java runtime provides " + ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "FederationMatchingKey[" + id + "]";
  }
}
