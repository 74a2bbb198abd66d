package org.patchwork.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwork.protocol.query.LegalBasis;

class DirectoryAgreementTest {

  private static final LocalDate NEXT_YEAR = LocalDate.now().plusYears(1);

  private static DirectoryAgreement agreement(boolean safeguardingAllowed) {
    return new DirectoryAgreement(
        "a1",
        List.of("kingston", "yarra"),
        List.of("youth-services", "safeguarding"),
        List.of(),
        NEXT_YEAR,
        safeguardingAllowed);
  }

  @Test
  void refusesAQuestionUnderTheSafeguardingExceptionWhereTheTermsLeaveItOut() {
    DirectoryAgreement consentOnly = agreement(false);

    assertThat(consentOnly.allows("kingston", "yarra", "youth-services", LegalBasis.SAFEGUARDING))
        .isFalse();
    assertThat(consentOnly.allows("kingston", "yarra", "safeguarding", LegalBasis.SAFEGUARDING))
        .as("naming safeguarding as the purpose does not bring the exception in")
        .isFalse();
    assertThat(consentOnly.allows("kingston", "yarra", "youth-services", LegalBasis.CONSENT))
        .isTrue();
  }

  @Test
  void allowsTheSafeguardingExceptionWhereTheTermsSayItApplies() {
    DirectoryAgreement withSafeguarding = agreement(true);

    assertThat(
            withSafeguarding.allows("kingston", "yarra", "youth-services", LegalBasis.SAFEGUARDING))
        .isTrue();
    assertThat(withSafeguarding.allows("kingston", "yarra", "youth-services", LegalBasis.CONSENT))
        .isTrue();
    assertThat(
            withSafeguarding.allows(
                "kingston", "wyndham", "youth-services", LegalBasis.SAFEGUARDING))
        .as("still only between its parties")
        .isFalse();
  }
}
