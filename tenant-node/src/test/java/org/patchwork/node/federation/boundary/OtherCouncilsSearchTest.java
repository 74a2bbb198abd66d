package org.patchwork.node.federation.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OtherCouncilsSearchTest {

  @Test
  void namesATeamNamedAfterItsServiceOnce() {
    assertThat(OtherCouncilsSearch.teamAndService("Youth Services", "Youth Services"))
        .isEqualTo("Youth Services");
    assertThat(OtherCouncilsSearch.teamAndService("youth services ", "Youth Services"))
        .isEqualTo("youth services ");
  }

  @Test
  void namesATeamAndItsServiceWhenTheyDiffer() {
    assertThat(OtherCouncilsSearch.teamAndService("Drop-in North", "Youth Services"))
        .isEqualTo("Drop-in North (Youth Services)");
    assertThat(OtherCouncilsSearch.teamAndService("Drop-in North", null))
        .isEqualTo("Drop-in North");
  }
}
