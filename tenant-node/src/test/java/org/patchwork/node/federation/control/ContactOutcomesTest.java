package org.patchwork.node.federation.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.patchwork.node.contact.entity.ContactOutcome;

class ContactOutcomesTest {

  @Test
  void everyOutcomeCrossesTheEdgeAndComesBackTheSame() {
    for (ContactOutcome outcome : ContactOutcome.values()) {
      assertThat(ContactOutcomes.fromWire(ContactOutcomes.toWire(outcome))).isEqualTo(outcome);
      assertThat(ContactOutcomes.toWire(outcome).name()).isEqualTo(outcome.name());
    }
  }
}
