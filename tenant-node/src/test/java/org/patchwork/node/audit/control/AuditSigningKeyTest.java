package org.patchwork.node.audit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningKeyTest {

  @TempDir Path dir;

  @Test
  void readsAnEd25519PemAndSignsWhatItThenVerifies() throws Exception {
    Path file = write(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());

    AuditSigningKey key = AuditSigningKey.read(file);
    byte[] content = "checkpoint".getBytes(StandardCharsets.UTF_8);

    assertThat(key.verifies(content, key.sign(content))).isTrue();
    assertThat(key.verifies("other".getBytes(StandardCharsets.UTF_8), key.sign(content))).isFalse();
  }

  @Test
  void readsAnEcdsaP256Pem() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));

    AuditSigningKey key = AuditSigningKey.read(write(ec.generateKeyPair()));

    byte[] content = "checkpoint".getBytes(StandardCharsets.UTF_8);
    assertThat(key.verifies(content, key.sign(content))).isTrue();
  }

  @Test
  void refusesAFileWithoutThePublicKeySayingWhatItNeeds() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path file = dir.resolve("private-only.pem");
    Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

    assertThatThrownBy(() -> AuditSigningKey.read(file)).hasMessageContaining("'PUBLIC KEY' block");
  }

  @Test
  void refusesAPublicKeyThatBelongsToAnotherPrivateKey() throws Exception {
    KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
    KeyPair one = ed.generateKeyPair();
    KeyPair two = ed.generateKeyPair();
    Path file = dir.resolve("mixed.pem");
    Files.writeString(
        file,
        pem("PRIVATE KEY", one.getPrivate().getEncoded())
            + pem("PUBLIC KEY", two.getPublic().getEncoded()));

    assertThatThrownBy(() -> AuditSigningKey.read(file)).hasMessageContaining("do not belong");
  }

  private Path write(KeyPair pair) throws Exception {
    Path file = dir.resolve("key.pem");
    Files.writeString(
        file,
        pem("PRIVATE KEY", pair.getPrivate().getEncoded())
            + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    return file;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
