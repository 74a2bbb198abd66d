package org.patchwork.node.federation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionCountsTest {

  private static final LocalDate THIS_WEEK = LocalDate.of(2026, 11, 30);
  private static final LocalDate LAST_WEEK = LocalDate.of(2026, 11, 23);

  @Test
  void countsQuestionsAskedAndAnsweredPerWeekPurposeAndBasisNewestWeekFirst() {
    List<QuestionCounts.Week> weeks =
        QuestionCounts.tally(
            List.of(
                new QuestionCounts.Counted(LAST_WEEK, true, "youth-services (consent)", 4),
                new QuestionCounts.Counted(THIS_WEEK, true, "youth-services (consent)", 2),
                new QuestionCounts.Counted(
                    THIS_WEEK,
                    false,
                    "federated youth-services (consent) query from yarra: match",
                    1),
                new QuestionCounts.Counted(
                    THIS_WEEK,
                    false,
                    "federated youth-services (consent) query from wyndham: no match",
                    3),
                new QuestionCounts.Counted(THIS_WEEK, true, "safeguarding (safeguarding)", 1)));

    assertThat(weeks)
        .containsExactly(
            new QuestionCounts.Week(THIS_WEEK, "safeguarding", "safeguarding", 1, 0),
            new QuestionCounts.Week(THIS_WEEK, "youth-services", "consent", 2, 4),
            new QuestionCounts.Week(LAST_WEEK, "youth-services", "consent", 4, 0));
  }

  @Test
  void answersRecordedBeforeTheBasisWasWrittenCountUnderNotRecordedAndOtherTextIsLeftOut() {
    List<QuestionCounts.Week> weeks =
        QuestionCounts.tally(
            List.of(
                new QuestionCounts.Counted(
                    THIS_WEEK, false, "federated youth-services query from yarra: match", 2),
                new QuestionCounts.Counted(THIS_WEEK, true, "something else entirely", 7),
                new QuestionCounts.Counted(THIS_WEEK, true, null, 1)));

    assertThat(weeks)
        .containsExactly(
            new QuestionCounts.Week(THIS_WEEK, "youth-services", "not recorded", 0, 2));
  }
}
