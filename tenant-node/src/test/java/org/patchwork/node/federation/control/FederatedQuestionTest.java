package org.patchwork.node.federation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.query.LegalBasis;

class FederatedQuestionTest {

  @Test
  void readsTheQuestionAsTheApiAndThePageSendIt() {
    FederatedQuestion question =
        FederatedQuestion.of(
            " Mia  Rose ", "Nguyen ", null, " 2010-05-06", null, "youth-services", "Consent", null);

    assertThat(question.person().givenNames()).containsExactly("Mia", "Rose");
    assertThat(question.person().familyName()).isEqualTo("Nguyen");
    assertThat(question.purpose()).isEqualTo("youth-services");
    assertThat(question.basis()).isEqualTo(LegalBasis.CONSENT);
  }

  @Test
  void saysWhoWasAskedAboutForThisCouncilsOwnReviewer() {
    FederatedQuestion question =
        FederatedQuestion.of(
            "Mia Rose",
            "Nguyen",
            List.of("Mia Tran"),
            "2010-05-06",
            "3195",
            "safeguarding",
            "safeguarding",
            null);

    assertThat(question.askedAbout())
        .isEqualTo("Mia Rose Nguyen (also Mia Tran), born 2010-05-06, postcode 3195");
  }

  @Test
  void namesTheFieldAtFault() {
    assertThat(refusal("Mia", "Nguyen", "2023-02-30", "consent").field()).contains("dateOfBirth");
    assertThat(refusal("';--", "Nguyen", "2010-05-06", "consent").field()).contains("givenNames");
    assertThat(refusal("Mia", "';--", "2010-05-06", "consent").field()).contains("familyName");
    assertThat(refusal("Mia", "Nguyen", "2010-05-06", "hunch").field()).contains("basis");
    assertThat(refusal("Mia", "Nguyen", "2010-05-06", "hunch").detail())
        .isEqualTo("The legal basis is consent or safeguarding.");
  }

  @Test
  void keepsTheIdentitysOwnWordsUnderTheUsualTitle() {
    Refusal refusal = refusal("';--", "Nguyen", "2010-05-06", "consent");

    assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
    assertThat(refusal.title()).isEqualTo("Some details need fixing");
    assertThat(refusal.detail()).isEqualTo("At least one given name with letters is required");
  }

  private static Refusal refusal(String given, String family, String dob, String basis) {
    return catchThrowableOfType(
        Refusal.class,
        () ->
            FederatedQuestion.of(
                given, family, List.of(), dob, null, "youth-services", basis, null));
  }
}
