package org.patchwork.protocol.matching;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * A date of birth as it was recorded: the whole date, or only the year when that is all anybody
 * knows (common for people who arrived as refugees).
 */
public sealed interface BirthDate permits BirthDate.Complete, BirthDate.YearOnly {

  int EARLIEST_YEAR = 1000;
  int LATEST_YEAR = 9999;

  int year();

  /**
   * Reads {@code YYYY-MM-DD} or {@code YYYY}.
   *
   * @throws IllegalArgumentException if the text has another shape or names a day that does not
   *     exist, such as 2023-02-30
   */
  static BirthDate parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "Date of birth is missing: write it as YYYY-MM-DD or YYYY");
    }
    String value = text.strip();
    if (value.length() == 4 && digits(value, 0, 4)) {
      return ofYear(Integer.parseInt(value));
    }
    if (value.length() != 10
        || value.charAt(4) != '-'
        || value.charAt(7) != '-'
        || !digits(value, 0, 4)
        || !digits(value, 5, 7)
        || !digits(value, 8, 10)) {
      throw new IllegalArgumentException(
          "Date of birth must be written as YYYY-MM-DD (for example 1990-07-03) or, when only the"
              + " year is known, YYYY");
    }
    int year = Integer.parseInt(value, 0, 4, 10);
    int month = Integer.parseInt(value, 5, 7, 10);
    int day = Integer.parseInt(value, 8, 10, 10);
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException(
          "Date of birth " + value + " does not exist: there is no month " + month);
    }
    int daysInMonth = YearMonth.of(year, month).lengthOfMonth();
    if (day < 1 || day > daysInMonth) {
      String monthName = Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      throw new IllegalArgumentException(
          "Date of birth "
              + value
              + " does not exist: "
              + monthName
              + " "
              + year
              + " has "
              + daysInMonth
              + " days");
    }
    return of(LocalDate.of(year, month, day));
  }

  static BirthDate of(LocalDate date) {
    return new Complete(date);
  }

  static BirthDate ofYear(int year) {
    return new YearOnly(year);
  }

  private static boolean digits(String value, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static void requirePlausibleYear(int year) {
    if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
      throw new IllegalArgumentException("Year of birth must have four digits, but was " + year);
    }
  }

  /** The whole date is known. */
  record Complete(LocalDate date) implements BirthDate {
    public Complete {
      Objects.requireNonNull(date, "Date of birth is missing");
      requirePlausibleYear(date.getYear());
    }

    @Override
    public int year() {
      return date.getYear();
    }

    @Override
    public String toString() {
      return date.toString();
    }
  }

  /** Only the year is known. */
  record YearOnly(int year) implements BirthDate {
    public YearOnly {
      requirePlausibleYear(year);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%04d", year);
    }
  }
}
