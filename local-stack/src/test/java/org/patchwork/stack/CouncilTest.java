package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CouncilTest {

  @Test
  void readsCouncilsInTheOrderGivenIgnoringCaseSpacesAndRepeats() {
    assertThat(Council.parseList(" Yarra,kingston , yarra,WYNDHAM"))
        .containsExactly(Council.YARRA, Council.KINGSTON, Council.WYNDHAM);
  }

  @Test
  void namesTheKnownCouncilsWhenOneIsUnknown() {
    assertThatThrownBy(() -> Council.parseList("kingston,narnia"))
        .isInstanceOf(StackException.class)
        .hasMessage(
            "Unknown council 'narnia'. Choose from: kingston, yarra, melbourne, brimbank, wyndham.");
  }

  @Test
  void refusesAnEmptyList() {
    assertThatThrownBy(() -> Council.parseList(" "))
        .isInstanceOf(StackException.class)
        .hasMessageStartingWith("No councils named.");
  }

  @Test
  void givesEveryCouncilItsOwnNodePort() {
    Ports ports = new Ports(Ports.DEFAULT_BASE);
    assertThat(java.util.Arrays.stream(Council.values()).map(ports::node).distinct().count())
        .isEqualTo(Council.values().length);
    assertThat(ports.node(Council.KINGSTON)).isEqualTo(18301);
  }

  @Test
  void refusesAPortBaseOutsideTheUsableRange() {
    assertThatThrownBy(() -> new Ports(80))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("between 1024 and 65000");
  }
}
