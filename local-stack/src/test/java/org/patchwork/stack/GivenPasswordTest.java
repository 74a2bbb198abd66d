package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GivenPasswordTest {

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheFirstLineOfStandardInputWhenAsked() {
    GivenPassword password = new GivenPassword();
    password.fromStdin = true;

    assertThat(password.read(stdin("s3cret words\nnext line\n"), "from-environment"))
        .contains("s3cret words");
  }

  @Test
  void fallsBackToTheEnvironmentAndOtherwiseGivesNone() {
    GivenPassword password = new GivenPassword();

    assertThat(password.read(stdin("ignored\n"), "from-environment")).contains("from-environment");
    assertThat(password.read(stdin(""), null)).isEmpty();
    assertThat(password.read(stdin(""), "")).isEmpty();
  }

  @Test
  void refusesEmptyStandardInputWhenAskedToReadIt() {
    GivenPassword password = new GivenPassword();
    password.fromStdin = true;

    assertThatThrownBy(() -> password.read(stdin(""), null))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("held no password");
  }
}
