package org.patchwork.node.audit.control;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningTest {

  @TempDir Path dir;

  @Test
  void refusesToStartWithoutASigningKeySettingNamingTheSetting() {
    AuditSigning signing = new AuditSigning();
    signing.keyFile = Optional.empty();

    assertThatThrownBy(signing::load)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to start")
        .hasMessageContaining("patchwork.audit.signing-key-file is not set");
  }

  @Test
  void refusesToStartWhenTheKeyFileIsMissing() {
    AuditSigning signing = new AuditSigning();
    signing.keyFile = Optional.of(dir.resolve("absent.pem").toString());

    assertThatThrownBy(signing::load)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("audit signing key is unusable")
        .hasMessageContaining("absent.pem");
  }
}
