package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.trust.CouncilKey;

/**
 * {@code ./patchwork keys}: the files a council's, the broker's and the federation's Secrets hold.
 */
class KeysCommandTest {

  @TempDir Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(String... args) {
    return Patchwork.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void writesEveryKeyACouncilsNodeNeedsPrivatelyAndNamesTheSecrets() throws Exception {
    Path keys = folder.resolve("kingston");
    assertThat(
            run(
                "keys",
                "--council",
                "kingston",
                "--out",
                keys.toString(),
                "--namespace",
                "patchwork-kingston"))
        .isZero();

    assertThat(CouncilKey.parse(Files.readString(keys.resolve("council-key.json"))).isPrivate())
        .isTrue();
    assertThat(
            PartyKeys.fromPrivateJson("kingston", Files.readString(keys.resolve("node-keys.json"))))
        .isNotNull();
    assertThat(Files.readString(keys.resolve("audit-signing-key.pem")))
        .contains("BEGIN PRIVATE KEY", "BEGIN PUBLIC KEY");
    assertThat(Files.readString(keys.resolve("node-public-keys.json"))).doesNotContain("\"d\"");
    for (String secret :
        new String[] {"council-key.json", "node-keys.json", "audit-signing-key.pem"}) {
      assertThat(Files.getPosixFilePermissions(keys.resolve(secret)))
          .as(secret)
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("kubectl -n patchwork-kingston create secret generic kingston-council-key")
        .contains("Council key fingerprint: ");
  }

  @Test
  void neverOverwritesAKey() throws Exception {
    Path keys = folder.resolve("yarra");
    assertThat(run("keys", "--council", "yarra", "--out", keys.toString())).isZero();
    String before = Files.readString(keys.resolve("council-key.json"));

    assertThat(run("keys", "--council", "yarra", "--out", keys.toString())).isEqualTo(1);
    assertThat(Files.readString(keys.resolve("council-key.json"))).isEqualTo(before);
  }

  @Test
  void writesTheBrokersKeysAndTheFederationMatchingKey() throws Exception {
    assertThat(run("keys", "--broker", "--out", folder.resolve("broker").toString())).isZero();
    assertThat(
            PartyKeys.fromPrivateJson(
                "broker", Files.readString(folder.resolve("broker/broker-keys.json"))))
        .isNotNull();
    assertThat(run("keys", "--matching", "--out", folder.resolve("federation").toString()))
        .isZero();
    assertThat(MatchingKeyFile.read(folder.resolve("federation/matching-key.json")).id())
        .startsWith("federation-");
  }
}
