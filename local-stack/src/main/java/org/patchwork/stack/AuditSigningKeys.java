package org.patchwork.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      String pem =
          pem("PRIVATE KEY", pair.getPrivate().getEncoded())
              + pem("PUBLIC KEY", pair.getPublic().getEncoded());
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temporary);
      Files.createFile(
          temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
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
