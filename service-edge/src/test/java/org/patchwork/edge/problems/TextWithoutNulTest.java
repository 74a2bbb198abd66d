package org.patchwork.edge.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextWithoutNulTest {

  @Test
  void findsTheEscapedNulCharacterAnywhereInTheText() {
    assertThat(holds("{\"text\":\"a\\u0000b\"}")).isTrue();
    assertThat(holds("{\"names\":[\"ok\",\"\\u0000\"]}")).isTrue();
    assertThat(holds("{\"fingerprints\":{\"yarra\":\"\\\\\\u0000\"}}")).isTrue();
  }

  @Test
  void leavesOrdinaryTextControlAndBidiEscapesAndAnEscapedBackslashAlone() {
    assertThat(holds("{\"text\":\"Zoë \\u202e\\t\\u0001\"}")).isFalse();
    assertThat(holds("{\"text\":\"C:\\\\u0000 is a path, not a NUL\"}")).isFalse();
    assertThat(holds("{\"decision\":\"APPROVE\",\"fingerprints\":{\"yarra\":\"AB12\"}}")).isFalse();
  }

  private static boolean holds(String json) {
    return TextWithoutNul.holdsEscapedNul(json.getBytes(StandardCharsets.UTF_8));
  }
}
