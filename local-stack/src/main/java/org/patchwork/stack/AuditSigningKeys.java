package org.patchwork.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Each node's audit signing key (Ed25519), generated once in the state folder and kept: checkpoints
 * signed with it must verify on every later start. The PEM holds the PKCS#8 private key and its
 * public key, which the JDK cannot derive from the private one.
 */
final class AuditSigningKeys {

  private AuditSigningKeys() {}

  /** The key file for {@code council}, created (mode 600) the first time it is asked for. */
  static synchronized Path of(Path stateDir, Council council) {
    Path file = stateDir.resolve("keys").resolve("audit-signing-" + council.id() + ".pem");
    if (Files.exists(file)) {
      return file;
    }
    return write(file);
  }

  /**
   * A new key into {@code file} (mode 600), which must not exist: also {@code ./patchwork keys}.
   */
  static Path write(Path file) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      String pem =
          pem("PRIVATE KEY", pair.getPrivate().getEncoded())
              + pem("PUBLIC KEY", pair.getPublic().getEncoded());
      PrivateFiles.folder(file.getParent());
      return PrivateFiles.write(file, pem);
    } catch (IOException e) {
      throw new StackException(
          "Cannot write the audit signing key " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new StackException("This JDK cannot generate Ed25519 keys: " + e.getMessage(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
