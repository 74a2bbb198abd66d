package org.patchwork.node.imports.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.patchwork.node.consent.entity.ConsentState;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.protocol.matching.BirthDate;

class CaseloadCsvTest {

  private static final String HEADER =
      "client_ref,given_names,family_name,date_of_birth,postcode,team,practitioner_email,"
          + "started_on,sensitivity,consent\n";

  private static CaseloadCsv.Parsed read(String text) {
    return CaseloadCsv.read(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAGoodRowWithEveryColumn() {
    CaseloadCsv.Parsed parsed =
        read(
            HEADER
                + "K-1,Thị  Lan,Nguyễn,2011-04-09,3192,Youth Services,Youth.Worker@Kingston.test,"
                + "2024-02-01,restricted,given\n");

    assertThat(parsed.rejected()).isEmpty();
    CaseloadRow row = parsed.rows().get(0);
    assertThat(row.line()).isEqualTo(2);
    assertThat(row.clientRef()).isEqualTo("K-1");
    assertThat(row.givenNames()).isEqualTo("Thị Lan");
    assertThat(row.identity().dateOfBirth()).isEqualTo(BirthDate.parse("2011-04-09"));
    assertThat(row.identity().postcode()).isEqualTo("3192");
    assertThat(row.practitionerEmail()).isEqualTo("youth.worker@kingston.test");
    assertThat(row.startedOn()).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(row.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
    assertThat(row.consent()).isEqualTo(ConsentState.GIVEN);
  }

  @Test
  void acceptsColumnsInAnyOrderAndCaseWithAByteOrderMarkAndBlankOptionalValues() {
    CaseloadCsv.Parsed parsed =
        read(
            "\uFEFFCONSENT,Sensitivity,started_on,practitioner_email,team,postcode,"
                + "date_of_birth,family_name,given_names,client_ref,extra\r\n"
                + ",,2024-01-01,nurse@example.test,MCH,,2015,Abdi,Hodan,K-2,ignored\r\n");

    assertThat(parsed.rejected()).isEmpty();
    CaseloadRow row = parsed.rows().get(0);
    assertThat(row.identity().dateOfBirth()).isEqualTo(BirthDate.ofYear(2015));
    assertThat(row.sensitivity()).isEqualTo(Sensitivity.STANDARD);
    assertThat(row.consent()).isEqualTo(ConsentState.NOT_ASKED);
  }

  @Test
  void reportsEachBadRowByItsLineAndKeepsTheGoodOnes() {
    CaseloadCsv.Parsed parsed =
        read(
            HEADER
                + "K-1,Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,standard,given\n"
                + "\n"
                + "K-2,Ava,Smith,2023-02-30,,Youth,a@b.test,2024-01-01,standard,given\n"
                + "K-3,Ava,Smith,2010-01-01,,Youth,not-an-email,2024-01-01,standard,given\n"
                + "K-4,Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,secret,given\n"
                + "K-5,Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,standard,maybe\n"
                + "K-6,Ava,,2010-01-01,,Youth,a@b.test,2024-01-01,standard,given\n"
                + "K-7,Ava,Smith,2010-01-01,,Youth\n"
                + "K-8,\"Ava\tMay\",Smith,2010-01-01,,Youth,a@b.test,2024-01-01,standard,given\n"
                + "K-9,"
                + "A".repeat(301)
                + ",Smith,2010-01-01,,Youth,a@b.test,2024-01-01,standard,given\n"
                + "K-10,Ava,Smith,2010-01-01,,Youth,a@b.test,2024-13-01,standard,given\n");

    assertThat(parsed.rows()).extracting(CaseloadRow::clientRef).containsExactly("K-1");
    assertThat(parsed.rejected())
        .extracting(Rejection::line)
        .containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(parsed.rejected())
        .extracting(Rejection::reason)
        .satisfiesExactly(
            r -> assertThat(r).contains("2023-02-30 does not exist"),
            r -> assertThat(r).contains("not an e-mail address"),
            r -> assertThat(r).contains("sensitivity secret is unknown"),
            r -> assertThat(r).contains("consent maybe is unknown"),
            r -> assertThat(r).contains("family_name is missing"),
            r -> assertThat(r).contains("a column is missing"),
            r -> assertThat(r).contains("control character"),
            r -> assertThat(r).contains("given_names is too long"),
            r -> assertThat(r).contains("started_on 2024-13-01 is not a date that exists"));
  }

  @Test
  void countsLinesInsideQuotedValuesWhenReportingLaterRows() {
    CaseloadCsv.Parsed parsed =
        read(
            HEADER
                + "K-1,\"Ava\nMay\",Smith,2010-01-01,,Youth,a@b.test,2024-01-01,standard,given\n"
                + "K-2,Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,bad,given\n");

    assertThat(parsed.rejected()).extracting(Rejection::line).containsExactly(2, 4);
  }

  @Test
  void countsBlankLinesAndWindowsLineEndsWhenReportingRows() {
    CaseloadCsv.Parsed parsed =
        read(
            HEADER.replace("\n", "\r\n")
                + "\r\n\r\n"
                + "K-1,Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,bad,given\r\n"
                + "\r\n"
                + "K-2,Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,standard,given\r\n"
                + "K-3,Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,bad,given");

    assertThat(parsed.rejected()).extracting(Rejection::line).containsExactly(4, 7);
    assertThat(parsed.rows()).extracting(CaseloadRow::line).containsExactly(6);
  }

  @Test
  void reportsLinesPastTheReadersBufferOnAFileOfManyRows() {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 20_000; i++) {
      csv.append("K-")
          .append(i)
          .append(",Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,")
          .append(i % 5_000 == 4_999 ? "bad" : "standard")
          .append(",given\n");
    }

    CaseloadCsv.Parsed parsed = read(csv.toString());

    assertThat(parsed.rejected())
        .extracting(Rejection::line)
        .containsExactly(5_001, 10_001, 15_001, 20_001);
  }

  @Test
  void refusesAFileThatIsNotUtf8EvenWhenTheBadBytesComeLate() {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 5_000; i++) {
      csv.append("K-").append(i).append(",Ava,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,,\n");
    }
    csv.append("K-x,Zoë,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,standard,given\n");
    byte[] latin1 = csv.toString().getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> CaseloadCsv.read(latin1))
        .isInstanceOf(UnreadableCaseloadException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void refusesAValueOver64KbWithoutReadingTheRestOfIt() {
    // A quote that never closes: a parser that kept going would hold all 20 MB as one value.
    byte[] start = (HEADER + "K-1,\"").getBytes(StandardCharsets.UTF_8);
    long size = 20L * 1024 * 1024;
    long[] read = {0};
    java.io.InputStream endless =
        new java.io.InputStream() {
          @Override
          public int read() {
            if (read[0] >= size) {
              return -1;
            }
            return read[0] < start.length ? start[(int) read[0]++] : (int) ('A' + read[0]++ % 26);
          }
        };

    assertThatThrownBy(() -> CaseloadCsv.scan(endless, row -> {}))
        .isInstanceOf(UnreadableCaseloadException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("64 KB");
    assertThat(read[0]).isLessThan(1024 * 1024);
  }

  @Test
  void refusesAFileThatIsNotUtf8() {
    byte[] latin1 =
        (HEADER + "K-1,Zoë,Smith,2010-01-01,,Youth,a@b.test,2024-01-01,standard,given\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> CaseloadCsv.read(latin1))
        .isInstanceOf(UnreadableCaseloadException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void refusesAHeaderThatLacksAColumnNamingIt() {
    assertThatThrownBy(
            () ->
                read(
                    "client_ref,given_names,family_name,date_of_birth,postcode,team,"
                        + "started_on,sensitivity,consent\n"))
        .isInstanceOf(UnreadableCaseloadException.class)
        .hasMessageContaining("lacks the column practitioner_email");
  }

  @Test
  void refusesAnEmptyFile() {
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(UnreadableCaseloadException.class)
        .hasMessageContaining("The first line must name the columns");
  }

  @Test
  void readsInjectionStringsAsNamesThatFindNothing() {
    CaseloadCsv.Parsed parsed =
        read(
            HEADER
                + "K-1,\"Robert'); DROP TABLE client;--\",<script>x</script>,2010-01-01,,Youth,a@b.test,"
                + "2024-01-01,standard,given\n");

    assertThat(parsed.rejected()).isEmpty();
    assertThat(parsed.rows().get(0).familyName()).isEqualTo("<script>x</script>");
  }
}
