package org.patchwork.systemtests;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoCaseload;

/**
 * The fictional people the federation scenarios are about, as each council recorded them. Their
 * dates of birth are drawn afresh for each run, so a rerun against a kept database meets no
 * leftovers of an earlier run.
 */
final class ScenarioPeople {

  /** A person as one council recorded them, with the team, sensitivity and consent there. */
  record Row(
      Council council,
      String ref,
      String given,
      String family,
      LocalDate dob,
      String postcode,
      String team,
      String practitioner,
      String sensitivity,
      String consent) {

    String csv() {
      return String.join(
          ",",
          ref,
          given,
          family,
          dob.toString(),
          postcode,
          team,
          practitioner,
          "2025-03-01",
          sensitivity,
          consent);
    }
  }

  private static final Random RANDOM = new Random();
  private static final Set<LocalDate> USED = new HashSet<>();

  static final LocalDate WILLIAM = freshDate();
  static final LocalDate TWINS = freshDate();
  static final LocalDate JOHN = freshDate();
  static final LocalDate JOHN_AT_WYNDHAM = freshDate();
  static final LocalDate SARAH = freshDate();
  static final LocalDate AMIRA = freshDate();
  static final LocalDate UNKNOWN_TO_KINGSTON = freshDate();
  static final LocalDate PRIYA = freshDate();

  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

  static final List<Row> ROWS = rows();

  private ScenarioPeople() {}

  static List<Row> at(Council council) {
    return ROWS.stream().filter(row -> row.council() == council).toList();
  }

  static String csv(Council council) {
    StringBuilder csv = new StringBuilder(DemoCaseload.HEADER).append('\n');
    at(council).forEach(row -> csv.append(row.csv()).append('\n'));
    return csv.toString();
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    String kingstonWorker = "youth.worker@kingston.patchwork.test";
    String kingstonNurse = "mch.nurse@kingston.patchwork.test";
    // Kingston asks: it has each person with consent given, so the consent basis holds.
    rows.add(row(Council.KINGSTON, "William", "Nguyen", WILLIAM, "3195", kingstonWorker, "given"));
    rows.add(row(Council.KINGSTON, "Minh", "Tran", TWINS, "3195", kingstonWorker, "given"));
    rows.add(row(Council.KINGSTON, "John", "Smith", JOHN, "3195", kingstonNurse, "given"));
    rows.add(row(Council.KINGSTON, "Sarah", "O'Brien", SARAH, "3195", kingstonNurse, "given"));
    rows.add(row(Council.KINGSTON, "Amira", "Hassan", AMIRA, "3195", kingstonWorker, "given"));
    // Priya consented, but only the maternal and child health nurse works with her.
    rows.add(
        new Row(
            Council.KINGSTON,
            "sys-" + RUN + "-priya-kingston",
            "Priya",
            "Raman",
            PRIYA,
            "3195",
            "Maternal & Child Health",
            kingstonNurse,
            "standard",
            "given"));

    String yarraWorker = "youth.worker@yarra.patchwork.test";
    // Yarra knows William under his nickname and with the Vietnamese diacritics.
    rows.add(row(Council.YARRA, "Bill", "Nguyễn", WILLIAM, "3065", yarraWorker, "given"));
    // Minh's twin sister: same family name and birthday, another given name.
    rows.add(row(Council.YARRA, "Linh", "Tran", TWINS, "3065", yarraWorker, "given"));
    // Sarah withdrew her consent at Yarra.
    rows.add(row(Council.YARRA, "Sarah", "O'Brien", SARAH, "3065", yarraWorker, "withdrawn"));

    String wyndhamWorker = "youth.worker@wyndham.patchwork.test";
    rows.add(row(Council.WYNDHAM, "William", "Nguyen", WILLIAM, "3030", wyndhamWorker, "given"));
    rows.add(row(Council.WYNDHAM, "Minh", "Tran", TWINS, "3030", wyndhamWorker, "given"));
    // Another John Smith, born on another day.
    rows.add(
        row(Council.WYNDHAM, "John", "Smith", JOHN_AT_WYNDHAM, "3030", wyndhamWorker, "given"));
    // Amira is known to a restricted service at Wyndham.
    rows.add(
        new Row(
            Council.WYNDHAM,
            "sys-" + RUN + "-amira",
            "Amira",
            "Hassan",
            AMIRA,
            "3030",
            "Family Violence Support",
            "gatekeeper@wyndham.patchwork.test",
            "restricted",
            "given"));
    // Wyndham's maternal and child health nurse sees Priya too: the console's journey asks about
    // her under an agreement covering that service only (William is known to Youth Services).
    rows.add(
        new Row(
            Council.WYNDHAM,
            "sys-" + RUN + "-priya-wyndham",
            "Priya",
            "Raman",
            PRIYA,
            "3030",
            "Maternal & Child Health",
            "mch.nurse@wyndham.patchwork.test",
            "standard",
            "given"));
    return List.copyOf(rows);
  }

  private static Row row(
      Council council,
      String given,
      String family,
      LocalDate dob,
      String postcode,
      String practitioner,
      String consent) {
    return new Row(
        council,
        "sys-" + RUN + "-" + given.toLowerCase() + "-" + council.id(),
        given,
        family,
        dob,
        postcode,
        "Youth Services",
        practitioner,
        "standard",
        consent);
  }

  /** A date no other scenario person has, in a range no demo person is born in. */
  private static synchronized LocalDate freshDate() {
    while (true) {
      LocalDate date =
          LocalDate.of(1960 + RANDOM.nextInt(30), 1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28));
      if (USED.add(date)) {
        return date;
      }
    }
  }
}
