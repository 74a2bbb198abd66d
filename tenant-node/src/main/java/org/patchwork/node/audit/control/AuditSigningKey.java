package org.patchwork.node.audit.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's audit signing key: Ed25519 or ECDSA P-256. The PEM file holds the PKCS#8 private key
 * and, because the JDK cannot derive a public key from a private one, the matching public key.
 */
public final class AuditSigningKey {

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String algorithm;
  private final String keyId;

  private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.algorithm =
        publicKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : publicKey.getAlgorithm();
    this.keyId = fingerprint(publicKey);
    byte[] probe = "patchwork-audit-key-probe".getBytes(StandardCharsets.UTF_8);
    if (!verifies(probe, sign(probe))) {
      throw new IllegalArgumentException("its private and public keys do not belong together");
    }
  }

  public static AuditSigningKey of(KeyPair pair) {
    return new AuditSigningKey(pair.getPrivate(), pair.getPublic());
  }

  /** Reads the PEM file, or says in one sentence what is wrong with it. */
  public static AuditSigningKey read(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    byte[] privateDer = null;
    byte[] publicDer = null;
    Matcher block = PEM.matcher(pem);
    while (block.find()) {
      byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      switch (block.group(1)) {
        case "PRIVATE KEY" -> privateDer = der;
        case "PUBLIC KEY" -> publicDer = der;
        default -> {
          // Other blocks (certificates, parameters) are not ours to read.
        }
      }
    }
    if (privateDer == null || publicDer == null) {
      throw new IllegalArgumentException(
          file
              + " must hold a PKCS#8 'PRIVATE KEY' block and its 'PUBLIC KEY' block (Ed25519 or"
              + " EC P-256)");
    }
    for (String family : List.of("Ed25519", "EC")) {
      try {
        KeyFactory keys = KeyFactory.getInstance(family);
        return new AuditSigningKey(
            keys.generatePrivate(new PKCS8EncodedKeySpec(privateDer)),
            keys.generatePublic(new X509EncodedKeySpec(publicDer)));
      } catch (GeneralSecurityException e) {
        // Not this family: try the next.
      }
    }
    throw new IllegalArgumentException(file + " holds neither an Ed25519 nor an EC P-256 key");
  }

  public String keyId() {
    return keyId;
  }

  public String sign(byte[] content) {
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(content);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign with the audit key", e);
    }
  }

  /** False for a wrong or malformed signature, never an exception: tampering is an outcome. */
  public boolean verifies(byte[] content, String signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(content);
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String fingerprint(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
