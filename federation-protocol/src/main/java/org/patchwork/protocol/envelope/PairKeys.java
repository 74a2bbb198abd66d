package org.patchwork.protocol.envelope;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pair keys one party shares with each peer, derived once per peer key and kept. A query used
 * to cost some 28 elliptic-curve operations across the five parties it touches (a signature, a
 * check or an ephemeral key agreement at every hop), which capped a two-core federation at well
 * under a hundred queries a second. Static-static ECDH between the parties' published encryption
 * keys gives every pair a shared secret once; after that each hop costs an HMAC and an AES-GCM
 * operation.
 *
 * <p>What this keeps: only the two parties of a pair hold its keys, so a MAC proves the sender to
 * the receiver and a seal can be opened by the receiver alone; the broker, holding no node-to-node
 * pair key, still cannot read tokens or matches, nor make up a query or an answer. What it gives
 * up: a MAC convinces only the receiver (no proof to a third party), and, as with ECDH-ES, a stolen
 * private encryption key opens that party's recorded traffic. Rotating a party's encryption key (a
 * new kid in the directory) rotates all its pair keys.
 */
public final class PairKeys {

  private static final byte[] SALT =
      "patchwork-federation pair keys v1".getBytes(StandardCharsets.UTF_8);

  private final ECKey own;
  private final Map<String, PairKey> byPeerKid = new ConcurrentHashMap<>();

  /**
   * @param ownEncryptionKey this party's private encryption key
   */
  public PairKeys(ECKey ownEncryptionKey) {
    if (!ownEncryptionKey.isPrivate() || ownEncryptionKey.getKeyID() == null) {
      throw new IllegalArgumentException("Pair keys need the party's own private key with a kid");
    }
    this.own = ownEncryptionKey;
  }

  public String ownKid() {
    return own.getKeyID();
  }

  /** The keys shared with the holder of {@code peer}, a public encryption key with a kid. */
  public PairKey with(ECKey peer) {
    if (peer.getKeyID() == null) {
      throw new IllegalArgumentException("A peer's key needs a kid");
    }
    // Kids are unique per key (party:enc:uuid), so a kid seen once always names the same key.
    return byPeerKid.computeIfAbsent(peer.getKeyID(), kid -> derive(peer));
  }

  private PairKey derive(ECKey peer) {
    if (peer.getKeyID().equals(own.getKeyID())) {
      throw new IllegalArgumentException("A pair needs another party's key with a kid");
    }
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(own.toECPrivateKey());
      agreement.doPhase(peer.toECPublicKey(), true);
      byte[] shared = agreement.generateSecret();
      // Both ends name the pair the same way: the two kids in sorted order.
      String a = own.getKeyID();
      String b = peer.getKeyID();
      String pair = a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
      byte[] prk = hmac(SALT, shared);
      return new PairKey(
          a,
          b,
          new SecretKeySpec(expand(prk, "authentication\n" + pair), "HmacSHA256"),
          new SecretKeySpec(expand(prk, "sealing\n" + pair), "AES"));
    } catch (GeneralSecurityException | JOSEException e) {
      throw new IllegalArgumentException("Cannot agree a pair key with " + peer.getKeyID(), e);
    }
  }

  /** HKDF-Expand (RFC 5869) for one 32-byte block. */
  private static byte[] expand(byte[] prk, String info) throws GeneralSecurityException {
    byte[] label = info.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[label.length + 1];
    System.arraycopy(label, 0, input, 0, label.length);
    input[label.length] = 1;
    return hmac(prk, input);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }
}
