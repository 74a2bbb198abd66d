package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoCaseloadTest {

  private static List<String[]> rows(Council council) {
    return DemoCaseload.csv(council).lines().skip(1).map(line -> line.split(",", -1)).toList();
  }

  @Test
  void generatesTheSameCaseloadEveryTime() {
    for (Council council : Council.values()) {
      assertThat(DemoCaseload.csv(council)).isEqualTo(DemoCaseload.csv(council));
    }
    assertThat(DemoCaseload.csv(Council.KINGSTON)).isNotEqualTo(DemoCaseload.csv(Council.YARRA));
  }

  @Test
  void writesTheImportFormatWithAFewHundredClientsPerCouncil() {
    assertThat(DemoCaseload.csv(Council.WYNDHAM)).startsWith(DemoCaseload.HEADER + "\n");
    for (Council council : Council.values()) {
      List<String[]> rows = rows(council);
      assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(10));
      Set<String> clients = rows.stream().map(row -> row[0]).collect(Collectors.toSet());
      assertThat(clients.size()).isBetween(300, 400);
      assertThat(rows)
          .extracting(row -> row[9])
          .allMatch(Set.of("given", "not-asked", "refused", "withdrawn")::contains);
    }
  }

  @Test
  void givesTheDemoPractitionersCaseloadsAndKeepsFamilyViolenceRestricted() {
    List<String[]> rows = rows(Council.KINGSTON);

    assertThat(rows)
        .extracting(row -> row[6])
        .contains(
            "youth.worker@kingston.patchwork.test",
            "mch.nurse@kingston.patchwork.test",
            "gatekeeper@kingston.patchwork.test");
    assertThat(rows)
        .filteredOn(row -> row[5].equals("Family Violence Support"))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row[8]).isEqualTo("restricted"));
    assertThat(DemoCaseload.teams(Council.KINGSTON))
        .filteredOn(team -> team.sensitivity().equals("RESTRICTED"))
        .extracting(DemoCaseload.DemoTeam::name)
        .containsExactly("Family Violence Support");
  }

  @Test
  void spellsPeopleKnownToSeveralCouncilsDifferentlyInEach() {
    Map<String, String[]> kingston = shared(Council.KINGSTON);
    Map<String, String[]> yarra = shared(Council.YARRA);

    assertThat(kingston.get("S01")).startsWith("Thị Lan", "Nguyễn", "2011-04-09");
    assertThat(yarra.get("S01")).startsWith("Thi Lan", "Nguyen", "2011-04-09");
    assertThat(yarra.get("S02")).startsWith("Bill");
    assertThat(yarra.get("S06")[2]).isEqualTo("2008-12-05");

    long knownToSeveral =
        Arrays.stream(DemoCaseload.SHARED)
            .filter(spellings -> Arrays.stream(spellings).filter(s -> !s.isEmpty()).count() >= 2)
            .count();
    long spelledDifferently =
        Arrays.stream(DemoCaseload.SHARED)
            .filter(
                spellings ->
                    Arrays.stream(spellings).filter(s -> !s.isEmpty()).distinct().count() >= 2)
            .count();
    assertThat(knownToSeveral).isEqualTo(DemoCaseload.SHARED.length).isGreaterThanOrEqualTo(30);
    assertThat(spelledDifferently).isEqualTo(DemoCaseload.SHARED.length);
  }

  /** The shared people of a council by their number, as given name, family name and birth. */
  private static Map<String, String[]> shared(Council council) {
    return rows(council).stream()
        .filter(row -> row[0].contains("-S"))
        .collect(
            Collectors.toMap(
                row -> row[0].substring(row[0].indexOf('-') + 1),
                row -> new String[] {row[1], row[2], row[3]},
                (first, second) -> first));
  }
}
