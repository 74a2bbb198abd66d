package org.patchwork.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.patchwork.protocol.envelope.EnvelopeRejected;

class ProtocolTest {

  @Test
  void speaksVersionFourOnly() throws EnvelopeRejected {
    assertThat(Protocol.VERSION).isEqualTo("patchwork-federation/4");
    Protocol.require("patchwork-federation/4");
    assertThat(Protocol.speaks("patchwork-federation/3")).isFalse();
  }

  @Test
  void refusesVersionThreeSayingWhatWasSentWhatIsSpokenAndWhatToDo() {
    assertThatThrownBy(() -> Protocol.require("patchwork-federation/3"))
        .isInstanceOfSatisfying(
            EnvelopeRejected.class,
            e -> assertThat(e.reason()).isEqualTo(EnvelopeRejected.Reason.WRONG_PROTOCOL))
        .hasMessageContaining("patchwork-federation/3")
        .hasMessageContaining("speaks only patchwork-federation/4")
        .hasMessageContaining("Upgrade");
  }

  @Test
  void refusesAMissingVersion() {
    assertThatThrownBy(() -> Protocol.require(null))
        .isInstanceOf(EnvelopeRejected.class)
        .hasMessageContaining("no protocol version");
  }
}
