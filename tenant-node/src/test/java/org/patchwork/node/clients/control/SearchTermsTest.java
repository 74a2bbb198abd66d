package org.patchwork.node.clients.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.patchwork.node.refusals.control.Refusal;

class SearchTermsTest {

  @Test
  void saysWhichTermToFixSoThatThePageNeedNotReadTheMessage() {
    assertThat(refused("Ava", null, "2010-01-01").field()).contains("family");
    assertThat(refused("a".repeat(201), "Smith", "2010-01-01").field()).contains("given");
    assertThat(refused("Ava", "a".repeat(101), "2010-01-01").field()).contains("family");
    assertThat(refused("Ava", "Smith", "2023-02-30").field()).contains("dob");
    assertThat(refused("Ava\tMay", "Smith", "2010-01-01").field()).contains("given");
    assertThat(refused("';--", "Smith", "2010-01-01").field()).contains("given");
    assertThat(refused("Ava", "';--", "2010-01-01").field()).contains("family");
  }

  @Test
  void keepsTheApisTitleAndDetail() {
    Refusal refusal = refused("Ava", "Smith", "30/02/2023");

    assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
    assertThat(refusal.title()).isEqualTo("The search needs fixing");
    assertThat(refusal.detail()).contains("YYYY-MM-DD").endsWith(".");
  }

  @Test
  void readsGivenNamesSeparatedByWhiteSpace() {
    assertThat(SearchTerms.of(" Ava  May ", " Smith ", "2010").givenNames())
        .containsExactly("Ava", "May");
  }

  private static Refusal refused(String given, String family, String dob) {
    return catchThrowableOfType(Refusal.class, () -> SearchTerms.of(given, family, dob));
  }
}
