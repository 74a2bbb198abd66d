package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;

class MatchingKeyFileTest {

  private static final PersonIdentity HODAN =
      new PersonIdentity(List.of("Hodan"), "Warsame", BirthDate.parse("2011-04-02"));

  @TempDir Path stateDir;

  @Test
  void everyNodeOfAStackGetsTheSameKeyFileReadableByUsOnly() throws Exception {
    LocalStack stack =
        new LocalStack(
            new LocalStack.Options(
                stateDir, stateDir, 30000, Council.DEFAULTS, Duration.ofMinutes(1)));

    String kingston =
        stack.nodeSettings(Council.KINGSTON).get("patchwork.federation.matching-key-file");
    String yarra = stack.nodeSettings(Council.YARRA).get("patchwork.federation.matching-key-file");

    assertThat(kingston).isNotBlank().isEqualTo(yarra);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(kingston))))
        .isEqualTo("rw-------");
  }

  @Test
  void keepsTheKeyAcrossStartsSoNodesNeedNotRebuildTheirIndex() {
    Path first = MatchingKeyFile.ensure(stateDir);
    var before = MatchingKeyFile.read(first);

    var after = MatchingKeyFile.read(MatchingKeyFile.ensure(stateDir));

    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.tokensFor(HODAN)).isEqualTo(before.tokensFor(HODAN));
  }

  @Test
  void writesTheFormatTheNodeReads() throws Exception {
    String json = Files.readString(MatchingKeyFile.ensure(stateDir));

    assertThat(json)
        .matches("\\{\"(keyId|secret)\":\"[A-Za-z0-9_-]+\",\"(keyId|secret)\":\"[A-Za-z0-9_-]+\"}");
    assertThat(MatchingKeyFile.read(MatchingKeyFile.ensure(stateDir)).id()).startsWith("local-");
  }
}
