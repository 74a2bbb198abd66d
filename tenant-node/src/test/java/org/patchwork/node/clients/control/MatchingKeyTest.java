package org.patchwork.node.clients.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchingKeyTest {

  @TempDir Path dir;

  @Test
  void refusesToStartWithoutTheSettingNamingIt() {
    MatchingKey matchingKey = new MatchingKey();
    matchingKey.keyFile = Optional.empty();

    assertThatThrownBy(matchingKey::load)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to start")
        .hasMessageContaining("patchwork.federation.matching-key-file is not set");
  }

  @Test
  void refusesToStartWhenTheFileIsMissing() {
    MatchingKey matchingKey = new MatchingKey();
    matchingKey.keyFile = Optional.of(dir.resolve("absent.json").toString());

    assertThatThrownBy(matchingKey::load)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("federation matching key is unusable")
        .hasMessageContaining("absent.json");
  }

  @Test
  void refusesASecretShorterThan32Bytes() throws Exception {
    Path file = keyFile("{\"keyId\":\"fed-1\",\"secret\":\"" + secret(16) + "\"}");

    assertThatThrownBy(() -> MatchingKey.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void refusesAFileWithoutAKeyId() throws Exception {
    Path file = keyFile("{\"secret\":\"" + secret(32) + "\"}");

    assertThatThrownBy(() -> MatchingKey.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"keyId\"");
  }

  @Test
  void refusesAFileThatIsNotJson() throws Exception {
    Path file = keyFile("keyId=fed-1");

    assertThatThrownBy(() -> MatchingKey.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a JSON object");
  }

  @Test
  void loadsTheKeyIdAndSecret() throws Exception {
    Path file = keyFile("{\"keyId\":\"fed-2026\",\"secret\":\"" + secret(32) + "\"}");
    MatchingKey matchingKey = new MatchingKey();
    matchingKey.keyFile = Optional.of(file.toString());

    matchingKey.load();

    assertThat(matchingKey.key().id()).isEqualTo("fed-2026");
  }

  private Path keyFile(String content) throws Exception {
    return Files.writeString(dir.resolve("matching-key.json"), content);
  }

  private static String secret(int bytes) {
    byte[] secret = new byte[bytes];
    new SecureRandom().nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
